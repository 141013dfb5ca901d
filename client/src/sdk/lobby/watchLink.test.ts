import { describe, expect, it } from 'vitest';
import { watchTargetFromParams } from './watchLink';

const parse = (q: string) => watchTargetFromParams(new URLSearchParams(q));

describe('watch links', () => {
  it('?watch=ROOMID watches a room by id', () => {
    expect(parse('watch=ab12')).toEqual({ target: { kind: 'room', id: 'ab12', watch: true } });
  });

  it('?code=…&watch=1 watches a private room by code, typed loosely', () => {
    expect(parse('code=abcde-fghjk&watch=1')).toEqual({ target: { kind: 'code', code: 'ABCDEFGHJK', watch: true } });
  });

  it('no watch: not a watch link; malformed ones are sentences, never a join', () => {
    expect(parse('code=ABCDEFGHJK')).toBeNull();
    expect(parse('watch=1')).toMatchObject({ target: { kind: 'room', id: '1' } });
    expect(parse('watch=../../x')).toHaveProperty('message');
    expect(parse('watch=')).toHaveProperty('message');
    expect(parse('code=0O0&watch=1')).toHaveProperty('message');
  });
});
