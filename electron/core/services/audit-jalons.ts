/**
 * The system jalons of the audit cycle (issue 6 items 1 and 3): opening the audit freezes the pré-audit jalon,
 * closing it the post-audit jalon, of the audited referential only, inside the step's transaction (jalons.ts).
 */
import type { ServiceContext } from './context';
import { takeJalon } from './jalons';

/** Takes the `kind` jalon of `referentialId` named `name`, recorded as taken by `ctx.user`; returns its id. */
export function takeAuditJalon(ctx: ServiceContext, referentialId: string, kind: 'pre-audit' | 'post-audit', name: string): number {
  return takeJalon(ctx, { name, kind, who: ctx.user, referentialIds: [referentialId] }).id;
}
