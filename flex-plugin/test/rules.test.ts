import { readFileSync } from 'fs';
import { join } from 'path';
import { runInNewContext } from 'vm';
import { decide, ReservationLike } from '../src/autoAccept';
import { readConfig } from '../src/config';
import { quietLog } from './fakes';

// `npm test` builds build/auto-accept-rules.js from src/ first. The committed rules/auto-accept-rules.js is the file the
// dashboard's Sandbox runs; it must be exactly what src/ builds today.
const root = join(__dirname, '..');
const committed = readFileSync(join(root, 'rules', 'auto-accept-rules.js'), 'utf8');
const cases: Array<{ name: string; uiAttributes: unknown; paused: boolean; task: Omit<ReservationLike['task'], 'sid'>; expected: unknown }> =
  JSON.parse(readFileSync(join(__dirname, 'auto-accept-cases.json'), 'utf8')).cases;

type Rules = { decide: typeof decide; readConfig: typeof readConfig };
function load(code: string): Rules {
  const sandbox: { AutoAcceptRules?: Rules } = {};
  runInNewContext(`${code}\nthis.AutoAcceptRules = AutoAcceptRules;`, sandbox);
  return sandbox.AutoAcceptRules!;
}

const reservationOf = (task: Omit<ReservationLike['task'], 'sid'>): ReservationLike => ({ sid: 'WR1', task: { ...task, sid: 'WT1' } });

describe('rules/auto-accept-rules.js', () => {
  it('is what src/ builds today (run `npm run build:rules` after changing a rule)', () => {
    expect(committed).toBe(readFileSync(join(root, 'build', 'auto-accept-rules.js'), 'utf8'));
  });

  it.each(cases.map((c) => [c.name, c] as const))('src/ decides: %s', (_name, c) => {
    expect(decide(reservationOf(c.task), readConfig(c.uiAttributes, quietLog), c.paused)).toEqual(c.expected);
  });

  it.each(cases.map((c) => [c.name, c] as const))('the built rules decide: %s', (_name, c) => {
    const rules = load(committed);
    expect(rules.decide(reservationOf(c.task), rules.readConfig(c.uiAttributes, quietLog), c.paused)).toEqual(c.expected);
  });
});
