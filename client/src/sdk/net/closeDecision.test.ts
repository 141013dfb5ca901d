import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../../../shared/protocol/constants';
import { decideAfterDiagnosis, decideOnClose, decideOnMoved, MAX_MOVED_HOPS, MOVED_LOOP_MESSAGE, VERSION_MISMATCH_MESSAGE } from './closeDecision';
import type { CloseInfo } from './connection';

const closed = (code: number, extra: Partial<CloseInfo> = {}): CloseInfo => ({
  code,
  reason: '',
  opened: true,
  protocolRefused: false,
  serverError: null,
  ...extra,
});

describe('decideOnClose', () => {
  it('gives every join refusal its own sentence', () => {
    expect(decideOnClose(closed(CloseCode.RoomFull), false)).toEqual({ kind: 'fail', message: 'The room is full.' });
    expect(decideOnClose(closed(CloseCode.RoomNotFound), true)).toMatchObject({ kind: 'fail', message: expect.stringMatching(/wrong code/i) });
    expect(decideOnClose(closed(CloseCode.RoomNotFound), false)).toMatchObject({ message: expect.stringMatching(/no longer exists/) });
    expect(decideOnClose(closed(CloseCode.JoinRateLimited), true)).toMatchObject({ message: expect.stringMatching(/too many/i) });
    expect(decideOnClose(closed(CloseCode.SessionTakenOver), false)).toMatchObject({ message: expect.stringMatching(/another tab/) });
  });

  it('reconnects on restart and on abnormal closes, not on client faults', () => {
    expect(decideOnClose(closed(CloseCode.ServiceRestart), false)).toEqual({ kind: 'retry', reason: 'Server restarting' });
    expect(decideOnClose(closed(1006), false)).toEqual({ kind: 'retry', reason: 'Connection lost' });
    expect(decideOnClose(closed(CloseCode.SlowConsumer), false).kind).toBe('retry');
    expect(decideOnClose(closed(CloseCode.JoinTimeout), false).kind).toBe('retry');
    expect(decideOnClose(closed(CloseCode.InvalidMessage, { serverError: 'bad input' }), false)).toEqual({
      kind: 'fail',
      message: 'Disconnected (4001): bad input',
    });
  });

  it('reports a refused subprotocol as a version mismatch, and asks for a diagnosis when the handshake failed', () => {
    expect(decideOnClose(closed(1000, { protocolRefused: true }), false)).toEqual({ kind: 'fail', message: VERSION_MISMATCH_MESSAGE });
    expect(decideOnClose(closed(1006, { opened: false }), false)).toEqual({ kind: 'diagnose' });
  });

  it('retries every close a new connection can fix (issue 9: a stall must not end the game)', () => {
    const fixable = [
      CloseCode.GoingAway,
      1006,
      CloseCode.InternalError,
      CloseCode.ServiceRestart,
      CloseCode.SlowConsumer,
      CloseCode.JoinTimeout,
      CloseCode.PolicyViolation,
      CloseCode.Idle,
    ];
    for (const code of fixable) expect(decideOnClose(closed(code, { serverError: 'input rate limit exceeded' }), false).kind, `close ${code}`).toBe('retry');
    expect(decideOnClose(closed(CloseCode.PolicyViolation), false)).toEqual({ kind: 'retry', reason: 'Rate limited after a stall' });
  });

  it('retries the cluster routing errors PROTOCOL.md §3.6 says to retry (directory unreachable, room node lost)', () => {
    expect(decideOnClose(closed(CloseCode.ClusterUnavailable), false)).toEqual({ kind: 'retry', reason: 'The game directory is unreachable' });
    expect(decideOnClose(closed(CloseCode.RoomNodeLost), true)).toMatchObject({ kind: 'retry' });
  });

  it('does not retry what a new connection cannot fix', () => {
    const fatal = [CloseCode.DecodeFailed, CloseCode.InvalidMessage, CloseCode.ProtocolViolation, CloseCode.UnsupportedData, CloseCode.MessageTooBig];
    for (const code of fatal) expect(decideOnClose(closed(code), false).kind, `close ${code}`).toBe('fail');
    expect(decideOnClose(closed(CloseCode.SeatQuotaExceeded), false)).toMatchObject({ kind: 'fail', message: expect.stringMatching(/network address/) });
  });
});

describe('decideAfterDiagnosis', () => {
  it('tells unreachable from restarting from refused', () => {
    expect(decideAfterDiagnosis('refused', false)).toEqual({ kind: 'fail', message: VERSION_MISMATCH_MESSAGE });
    expect(decideAfterDiagnosis('restarting', true)).toEqual({ kind: 'retry', reason: 'Server restarting' });
    expect(decideAfterDiagnosis('unreachable', false)).toMatchObject({ kind: 'fail', message: expect.stringMatching(/unreachable/) });
    // Mid-game the server going away is an outage to ride out, not a reason to quit.
    expect(decideAfterDiagnosis('unreachable', true)).toEqual({ kind: 'retry', reason: 'Server unreachable' });
  });
});

describe('decideOnMoved (room mobility, issue 11)', () => {
  it('follows a Moved url at once, up to MAX_MOVED_HOPS in a row, then back to the lobby', () => {
    expect(decideOnMoved('https://n2.example/', 0)).toEqual({ kind: 'follow', url: 'https://n2.example/' });
    expect(decideOnMoved('https://n2.example/', MAX_MOVED_HOPS - 1).kind).toBe('follow');
    expect(decideOnMoved('https://n2.example/', MAX_MOVED_HOPS)).toEqual({ kind: 'fail', message: MOVED_LOOP_MESSAGE });
  });

  it('a 4108 without a Moved before it resumes through the origin (a retry), not a failure', () => {
    expect(decideOnMoved(null, 0)).toEqual({ kind: 'retry', reason: 'The game moved to another server' });
  });
});
