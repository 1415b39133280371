const { test, beforeEach } = require('node:test');
const assert = require('node:assert/strict');

// The Functions runtime provides Twilio.Response as a global.
class FakeResponse {
  constructor() { this.statusCode = 200; this.body = undefined; this.headers = {}; }
  setStatusCode(code) { this.statusCode = code; }
  setBody(body) { this.body = body; }
  appendHeader(name, value) { this.headers[name] = value; }
}
global.Twilio = { Response: FakeResponse };

const { handler, validate } = require('../send-sms');

let sent;
let failure;
function context(overrides = {}) {
  return {
    SENDER: '+15005550006',
    SEND_SMS_API_KEY: 's3cret-key-for-tests',
    getTwilioClient: () => ({
      messages: {
        create: async (message) => {
          if (failure) throw failure;
          sent.push(message);
          return { sid: 'SM00000000000000000000000000000001', status: 'queued' };
        },
      },
    }),
    ...overrides,
  };
}
const NO_KEY = Symbol('no key');
const event = (fields, key = 's3cret-key-for-tests') => ({ ...fields, request: { headers: key === NO_KEY ? {} : { 'x-api-key': key } } });
function call(ctx, ev) {
  return new Promise((resolve, reject) => handler(ctx, ev, (err, res) => (err ? reject(err) : resolve(res))));
}

beforeEach(() => { sent = []; failure = undefined; });

test('sends from the configured number and answers sid and status', async () => {
  const res = await call(context(), event({ To: '+15558675310', Body: 'Hello' }));
  assert.equal(res.statusCode, 201);
  assert.deepEqual(res.body, { sid: 'SM00000000000000000000000000000001', status: 'queued' });
  assert.deepEqual(sent, [{ to: '+15558675310', body: 'Hello', from: '+15005550006' }]);
  assert.equal(res.headers['Content-Type'], 'application/json');
});

test('uses a Messaging Service when SENDER is an MG SID', async () => {
  await call(context({ SENDER: 'MG00000000000000000000000000000001' }), event({ To: '+15558675310', Body: 'Hi' }));
  assert.deepEqual(sent, [{ to: '+15558675310', body: 'Hi', messagingServiceSid: 'MG00000000000000000000000000000001' }]);
});

test('ignores a From chosen by the caller', async () => {
  await call(context(), event({ To: '+15558675310', Body: 'Hi', From: '+19999999999' }));
  assert.equal(sent[0].from, '+15005550006');
});

for (const [name, fields, fragment] of [
  ['missing To', { Body: 'Hi' }, 'E.164'],
  ['national To', { To: '5558675310', Body: 'Hi' }, 'E.164'],
  ['To with letters', { To: '+1555CALLNOW', Body: 'Hi' }, 'E.164'],
  ['missing Body', { To: '+15558675310' }, 'empty'],
  ['blank Body', { To: '+15558675310', Body: '   ' }, 'empty'],
  ['Body over 1600 characters', { To: '+15558675310', Body: 'x'.repeat(1601) }, '1601'],
]) {
  test(`rejects ${name} with 400 and sends nothing`, async () => {
    const res = await call(context(), event(fields));
    assert.equal(res.statusCode, 400);
    assert.match(res.body.error, new RegExp(fragment));
    assert.equal(sent.length, 0);
  });
}

test('accepts a body of exactly 1600 characters', () => {
  assert.equal(validate('+15558675310', 'x'.repeat(1600)), null);
});

for (const [name, key] of [['no key', NO_KEY], ['a wrong key', 'guess'], ['an empty key', '']]) {
  test(`refuses ${name} with 401 (not an open relay)`, async () => {
    const res = await call(context(), event({ To: '+15558675310', Body: 'Hi' }, key));
    assert.equal(res.statusCode, 401);
    assert.equal(sent.length, 0);
  });
}

test('reads the key header case-insensitively', async () => {
  const res = await call(context(), { To: '+15558675310', Body: 'Hi', request: { headers: { 'X-Api-Key': 's3cret-key-for-tests' } } });
  assert.equal(res.statusCode, 201);
});

test('refuses every caller when the Function has no key configured', async () => {
  const res = await call(context({ SEND_SMS_API_KEY: '' }), event({ To: '+15558675310', Body: 'Hi' }, ''));
  assert.equal(res.statusCode, 500);
  assert.equal(sent.length, 0);
});

test('blocks destinations outside ALLOWED_TO_PREFIXES', async () => {
  const res = await call(context({ ALLOWED_TO_PREFIXES: '+44, +49' }), event({ To: '+15558675310', Body: 'Hi' }));
  assert.equal(res.statusCode, 403);
  assert.equal(sent.length, 0);
});

test('passes a StatusCallback on, and refuses one that is not a web URL', async () => {
  await call(context(), event({ To: '+15558675310', Body: 'Hi', StatusCallback: 'https://console.example.com/webhooks/messaging/status' }));
  const bad = await call(context(), event({ To: '+15558675310', Body: 'Hi', StatusCallback: 'javascript:alert(1)' }));
  assert.equal(sent[0].statusCallback, 'https://console.example.com/webhooks/messaging/status');
  assert.equal(bad.statusCode, 400);
  assert.equal(sent.length, 1);
});

test('passes on Twilio\'s refusal with its code', async () => {
  failure = Object.assign(new Error("The 'To' number +15005550001 is not a valid phone number."), { code: 21211, status: 400 });
  const res = await call(context(), event({ To: '+15005550001', Body: 'Hi' }));
  assert.equal(res.statusCode, 502);
  assert.equal(res.body.code, 21211);
  assert.match(res.body.message, /not a valid phone number/);
});
