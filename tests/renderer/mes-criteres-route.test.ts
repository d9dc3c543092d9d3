import { describe, expect, it } from 'vitest';
import { formatHash, parseHash } from '../../renderer/src/router';

describe('Mes critères route', () => {
  it('parses and formats #/mes-criteres, a person and a service', () => {
    expect(parseHash('#/mes-criteres')).toEqual({ page: 'mes-criteres', ownerKey: null });
    expect(parseHash('#/mes-criteres/abc-123')).toEqual({ page: 'mes-criteres', ownerKey: 'abc-123' });
    expect(parseHash('#/mes-criteres/service%3Ax1')).toEqual({ page: 'mes-criteres', ownerKey: 'service:x1' });
    expect(formatHash({ page: 'mes-criteres', ownerKey: 'service:x1' })).toBe('#/mes-criteres/service%3Ax1');
    expect(formatHash({ page: 'mes-criteres', ownerKey: null })).toBe('#/mes-criteres');
  });
});
