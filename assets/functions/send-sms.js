// Twilio Function: POST /send-sms with To and Body sends one SMS from the sender configured for this service.
//
// Not an open relay:
// - The caller must send the shared secret in the X-Api-Key header (compared in constant time). The dashboard deploys
//   the Function with `public` visibility plus this secret, because it calls the Function from its own server, and
//   whether a non-Twilio caller can satisfy `protected` visibility is not documented.
// - The sender is fixed by the service (SENDER: a phone number or a Messaging Service SID); callers cannot choose it.
// - Optional ALLOWED_TO_PREFIXES ("+1,+44") limits destinations; Body is capped at Twilio's 1,600 characters.
//
// Environment: SENDER (required), SEND_SMS_API_KEY (required), ALLOWED_TO_PREFIXES (optional).
// Optional parameter StatusCallback: an http(s) URL Twilio posts the message's status changes to.
// Answers JSON: 201 {sid, status}; 400 {error} for bad input; 401 without the secret; 403 for a blocked destination;
// 502 {error, code, message} when Twilio refuses; 500 when the Function itself is not configured.
const crypto = require('crypto');

const E164 = /^\+[1-9]\d{1,14}$/;
const MESSAGING_SERVICE = /^MG[0-9a-fA-F]{32}$/;
const MAX_BODY = 1600;

function secretMatches(expected, given) {
  if (typeof given !== 'string' || given.length === 0) return false;
  const a = crypto.createHash('sha256').update(expected).digest();
  const b = crypto.createHash('sha256').update(given).digest();
  return crypto.timingSafeEqual(a, b); // equal-length digests: no early exit, no length leak
}

function header(event, name) {
  const headers = (event.request && event.request.headers) || {};
  const key = Object.keys(headers).find((h) => h.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

exports.validate = function validate(to, body) {
  if (typeof to !== 'string' || !E164.test(to.trim())) return 'To must be a phone number in E.164 form, such as +15551234567.';
  if (typeof body !== 'string' || body.trim().length === 0) return 'Body must not be empty.';
  if (body.length > MAX_BODY) return `Body must be at most ${MAX_BODY} characters (it has ${body.length}).`;
  return null;
};

exports.handler = async function handler(context, event, callback) {
  const response = new Twilio.Response();
  response.appendHeader('Content-Type', 'application/json');
  const reply = (status, payload) => {
    response.setStatusCode(status);
    response.setBody(payload);
    return callback(null, response);
  };

  const sender = (context.SENDER || '').trim();
  if (!context.SEND_SMS_API_KEY || !sender) return reply(500, { error: 'This Function is not configured: set SENDER and SEND_SMS_API_KEY.' });
  if (!secretMatches(context.SEND_SMS_API_KEY, header(event, 'x-api-key'))) return reply(401, { error: 'Missing or wrong X-Api-Key.' });

  const to = typeof event.To === 'string' ? event.To.trim() : event.To;
  const body = event.Body;
  const problem = exports.validate(to, body);
  if (problem) return reply(400, { error: problem });

  const allowed = (context.ALLOWED_TO_PREFIXES || '').split(',').map((p) => p.trim()).filter(Boolean);
  if (allowed.length > 0 && !allowed.some((p) => to.startsWith(p))) return reply(403, { error: 'This destination is not allowed.' });

  const message = { to, body };
  if (event.StatusCallback !== undefined) {
    let url;
    try { url = new URL(String(event.StatusCallback)); } catch { url = null; }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) return reply(400, { error: 'StatusCallback must be an http or https URL.' });
    message.statusCallback = url.toString();
  }
  if (MESSAGING_SERVICE.test(sender)) message.messagingServiceSid = sender;
  else message.from = sender;

  try {
    const sent = await context.getTwilioClient().messages.create(message);
    return reply(201, { sid: sent.sid, status: sent.status });
  } catch (error) {
    return reply(502, { error: 'Twilio refused the message.', code: error.code, message: error.message });
  }
};
