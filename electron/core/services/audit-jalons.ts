/**
 * The system jalons of the audit cycle (issue 6 items 1 and 3): opening the audit freezes the pré-audit jalon,
 * closing it the post-audit jalon, inside the step's transaction. Jalons themselves are jalons.ts (branch jalon6).
 */
import type { ServiceContext } from './context';

/**
 * Takes the `kind` jalon named `name`, recorded as taken by `ctx.user`; returns its id (null until the jalons
 * service is merged).
 */
export function takeAuditJalon(_ctx: ServiceContext, _kind: 'pre-audit' | 'post-audit', _name: string): string | null {
  return null;
}
