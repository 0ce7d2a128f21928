/**
 * The language of user-facing messages: Chinese by default, English with
 * `--lang en` or an English LANG / LC_ALL / LC_MESSAGES.
 */
export type Lang = 'zh' | 'en';

export function detectLang(explicit?: string, env: NodeJS.ProcessEnv = process.env): Lang {
  if (explicit) return explicit.toLowerCase().startsWith('en') ? 'en' : 'zh';
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^en([_.-]|$)/i.test(locale) ? 'en' : 'zh';
}

/** Pick the message for the language: t(lang, '中文', 'English'). */
export function t(lang: Lang, zh: string, en: string): string {
  return lang === 'en' ? en : zh;
}
