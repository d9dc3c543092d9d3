/** zod schemas shared by the sub-routers (inputs only; outputs are the services' types). */
import { z } from 'zod';
import { STATUTS } from '../../../../shared/domain';

export const referentialId = z.string().min(1).max(60);
export const nodeId = z.string().min(1).max(120);
export const statut = z.enum(STATUTS as unknown as [string, ...string[]]) as unknown as z.ZodType<(typeof STATUTS)[number]>;
export const detail = z.tuple([z.number(), z.number(), z.number()]);
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date attendue au format AAAA-MM-JJ');
export const text = (max: number) => z.string().max(max);
export const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'contenu base64 attendu');

/** Decodes base64 to bytes (the renderer sends file contents that way over JSON). */
export function fromBase64(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, 'base64'));
}
