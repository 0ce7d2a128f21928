/**
 * A flag of the result: its code, and its message in both languages rendered
 * from the engine's catalogue (src/problems/messages/engine.ts); the result
 * keeps both (message, messageEn), as docs/result-format.md says.
 */
import { engineText, type EngineParams } from '../problems/messages/engine.js';
import type { Flag } from './types.js';

export function flag<C extends keyof EngineParams>(code: string, message: C, params: EngineParams[C], extra: Pick<Flag, 'itemId' | 'moduleId'> = {}): Flag {
  return { code, ...extra, message: engineText(message, params, 'zh'), messageEn: engineText(message, params, 'en') };
}
