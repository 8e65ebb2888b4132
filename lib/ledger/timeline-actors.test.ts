import { describe, expect, it } from 'vitest';
import { actorName, type ActorNames } from './timeline-actors';

const USER = '01a24686-742f-7abc-8def-0123456789ab';
const TOKEN = '01a24686-748a-7abc-8def-0123456789ab';
const names: ActorNames = {
  users: new Map([[USER, 'Sam Support']]),
  tokens: new Map([[TOKEN, 'nightly replay']]),
};

describe('actorName', () => {
  it('names people, tokens, the command line and Waybill itself, never by id', () => {
    expect(actorName(USER, names, null)).toBe('Sam Support');
    expect(actorName(`api:${TOKEN}`, names, null)).toBe('API token “nightly replay”');
    expect(actorName('cli:root', names, null)).toBe('root (command line)');
    expect(actorName('worker', names, null)).toBe('Waybill worker');
    expect(actorName('system', names, null)).toBe('Waybill');
  });

  it('falls back to the label the fact recorded, then to words, for someone gone', () => {
    const gone = '01a24686-0000-7abc-8def-0123456789ab';
    expect(actorName(gone, names, 'Ada Admin')).toBe('Ada Admin');
    expect(actorName(gone, names, null)).toBe('a former member');
    expect(actorName('api:01a24686-0000-7abc-8def-0123456789ab', names, null)).toBe('an API token');
  });
});
