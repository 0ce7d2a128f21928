/// <reference types="pdfkit" />
/** The pdfkit document type, without loading pdfkit at runtime. */
export type Doc = PDFKit.PDFDocument;
