// Makes TwilioConsole.Tests/Unit/Twilio/signature-vectors.json with Twilio's own Node library (an implementation
// independent of ours). Run: npm install --no-save twilio@5 && node generate.js > ../../TwilioConsole.Tests/Unit/Twilio/signature-vectors.json
const twilio = require('twilio');
const crypto = require('crypto');

const token = '9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d'; // fake
const statusParams = {
  MessageSid: 'SM11111111111111111111111111111111', MessageStatus: 'delivered', AccountSid: 'AC22222222222222222222222222222222',
  From: '+15005550006', To: '+15551234567', ToCountry: 'US', ApiVersion: '2010-04-01',
  SmsSid: 'SM11111111111111111111111111111111', SmsStatus: 'delivered',
};
const eventParams = {
  EventType: 'task.wrapup', TaskSid: 'WT00000000000000000000000000000001', TaskChannelUniqueName: 'voice',
  TaskAttributes: '{"from":"+15551234567","direction":"inbound","type":"support","name":"Zoë & Co <b>"}',
  WorkspaceSid: 'WS00000000000000000000000000000001', Timestamp: '1700000000',
};
const sign = (url, params) => twilio.getExpectedTwilioSignature(token, url, params);
const vectors = [];
const form = (name, url, params) => vectors.push({ name, kind: 'form', url, params, signature: sign(url, params),
  valid: twilio.validateRequest(token, sign(url, params), url, params) });

form('status callback with query', 'https://admin.example.com/twilio/sms-status?tenant=42', statusParams);
form('explicit default port', 'https://admin.example.com:443/twilio/sms-status?tenant=42', statusParams);
form('non-default port', 'http://localhost:5080/webhooks/taskrouter/events', eventParams);
form('unicode and markup in values', 'https://console.example.com/webhooks/taskrouter/events', eventParams);
form('no parameters', 'https://console.example.com/webhooks/messaging/status', {});

const body = '{"event":"task.completed","taskSid":"WT00000000000000000000000000000001"}';
const hash = crypto.createHash('sha256').update(body).digest('hex');
const jsonUrl = `https://admin.example.com/twilio/events?bodySHA256=${hash}`;
const jsonSig = sign(jsonUrl, {});
vectors.push({ name: 'json body', kind: 'json', url: jsonUrl, body, signature: jsonSig,
  valid: twilio.validateRequestWithBody(token, jsonSig, jsonUrl, body) });

process.stdout.write(JSON.stringify({ authToken: token, generator: `twilio-node ${require('twilio/package.json').version} getExpectedTwilioSignature / validateRequest(WithBody)`, vectors }, null, 2) + '\n');
