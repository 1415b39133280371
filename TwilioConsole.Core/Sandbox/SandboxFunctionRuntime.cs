using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Jint.Runtime;
using TwilioConsole.Core.Twilio;

namespace TwilioConsole.Core.Sandbox;

/// <summary>What a Function answered: its HTTP status and body (JSON text, or the text it set).</summary>
public sealed record FunctionAnswer(int Status, string Body);

/// <summary>
/// A small Twilio Functions runtime: runs a Function's own JavaScript in process (Jint) the way Twilio calls it —
/// <c>exports.handler(context, event, callback)</c> with <c>Twilio.Response</c>, the environment's variables on
/// <c>context</c>, <c>context.getTwilioClient().messages.create</c> bound to the Messages API it is given, the request's
/// headers on <c>event.request.headers</c>, and the parts of Node the Function uses (<c>require('crypto')</c>'s
/// SHA-256 and <c>timingSafeEqual</c>, <c>URL</c>). Whatever the script does is what the caller sees.
/// </summary>
internal static class SandboxFunctionRuntime
{
    private const string Prelude = """
        var exports = {}; var module = { exports: exports };
        var Twilio = (function () {
          function Response() { this._statusCode = 200; this._body = undefined; this._headers = {}; }
          Response.prototype.setStatusCode = function (code) { this._statusCode = code; return this; };
          Response.prototype.setBody = function (body) { this._body = body; return this; };
          Response.prototype.appendHeader = function (name, value) { this._headers[name] = value; return this; };
          Response.prototype.setHeaders = function (headers) { this._headers = headers || {}; return this; };
          return { Response: Response };
        })();
        var __crypto = {
          createHash: function (algorithm) {
            if (String(algorithm).toLowerCase() !== 'sha256') throw new Error('Digest method not supported in the Sandbox: ' + algorithm);
            var parts = [];
            return {
              update: function (data) { parts.push(String(data)); return this; },
              digest: function (encoding) { var hex = __host.sha256Hex(parts.join('')); return encoding === 'hex' ? hex : { __hex: hex, length: hex.length / 2 }; }
            };
          },
          timingSafeEqual: function (a, b) {
            if (!a || !b || a.length !== b.length) throw new RangeError('Input buffers must have the same byte length');
            return __host.fixedTimeEquals(a.__hex || String(a), b.__hex || String(b));
          }
        };
        function require(name) {
          if (name === 'crypto' || name === 'node:crypto') return __crypto;
          throw new Error("Cannot find module '" + name + "' (the Sandbox's Functions runtime offers 'crypto')");
        }
        function URL(input) {
          var parsed = __host.parseUrl(String(input));
          if (parsed === null) throw new TypeError('Invalid URL: ' + input);
          var parts = JSON.parse(parsed);
          this.href = parts.href; this.protocol = parts.protocol; this.host = parts.host; this.hostname = parts.hostname; this.pathname = parts.pathname;
        }
        URL.prototype.toString = function () { return this.href; };
        var __answer = null;
        function __callback(error, payload) { if (__answer === null) __answer = { error: error, payload: payload }; }
        function __twilioClient() {
          return { messages: { create: function (params) {
            var result = JSON.parse(__host.createMessage(JSON.stringify(params || {})));
            if (result.error) { var e = new Error(result.message); e.code = result.code; e.status = result.status; e.moreInfo = result.moreInfo; return Promise.reject(e); }
            return Promise.resolve(result);
          } } };
        }
        function __describe() {
          if (__answer === null) return JSON.stringify({ status: 504, body: JSON.stringify({ error: 'The Function ended without calling callback().' }) });
          if (__answer.error) return JSON.stringify({ status: 500, body: JSON.stringify({ error: String(__answer.error && __answer.error.message || __answer.error) }) });
          var p = __answer.payload;
          if (p instanceof Twilio.Response) return JSON.stringify({ status: p._statusCode, body: typeof p._body === 'string' ? p._body : JSON.stringify(p._body === undefined ? null : p._body) });
          return JSON.stringify({ status: 200, body: typeof p === 'string' ? p : JSON.stringify(p === undefined ? null : p) });
        }
        """;

    /// <summary>Runs <paramref name="code"/>'s handler once. Messages it creates go to <paramref name="messages"/>.</summary>
    public static Task<FunctionAnswer> InvokeAsync(
        string code,
        IReadOnlyDictionary<string, string> environment,
        IReadOnlyList<KeyValuePair<string, string>> parameters,
        IReadOnlyDictionary<string, string> headers,
        IMessagingApi messages,
        CancellationToken ct) =>
        // Jint is synchronous; the Function's one awaited call (messages.create) blocks this pool thread, not the caller's.
        Task.Run(() => Invoke(code, environment, parameters, headers, messages, ct), ct);

    private static FunctionAnswer Invoke(
        string code,
        IReadOnlyDictionary<string, string> environment,
        IReadOnlyList<KeyValuePair<string, string>> parameters,
        IReadOnlyDictionary<string, string> headers,
        IMessagingApi messages,
        CancellationToken ct)
    {
        var engine = ScriptEngines.Create(ct);
        engine.SetValue("__host", new Host(messages, ct));
        engine.Execute(Prelude);
        try
        {
            engine.Execute(ScriptEngines.Prepare(code, "function.js"));
        }
        catch (Exception e) when (e is JavaScriptException or Acornima.ParseErrorException)
        {
            return Error(500, $"The Function's code does not load: {e.Message}");
        }

        var context = new JsonObject { ["DOMAIN_NAME"] = environment.GetValueOrDefault("DOMAIN_NAME") };
        foreach (var (key, value) in environment)
        {
            context[key] = value;
        }

        var @event = new JsonObject();
        foreach (var (key, value) in parameters)
        {
            @event[key] = value; // Twilio passes single values as strings
        }

        @event["request"] = new JsonObject
        {
            ["headers"] = new JsonObject(headers.Select(h => KeyValuePair.Create(h.Key.ToLowerInvariant(), (JsonNode?)JsonValue.Create(h.Value)))),
            ["cookies"] = new JsonObject(),
        };

        try
        {
            engine.Execute($"var __context = {context.ToJsonString()}; __context.getTwilioClient = __twilioClient; var __event = {@event.ToJsonString()};");
            var handler = engine.Evaluate("typeof exports.handler === 'function' ? exports.handler : (module.exports && module.exports.handler)");
            if (handler is not Jint.Native.Function.Function)
            {
                return Error(500, "The Function's code does not export a handler (exports.handler = function (context, event, callback) {…}).");
            }

            engine.Invoke(handler, engine.GetValue("__context"), engine.GetValue("__event"), engine.GetValue("__callback")).UnwrapIfPromise(ct);
        }
        catch (JavaScriptException e)
        {
            return Error(500, $"The Function threw: {e.Message}");
        }
        catch (Exception e) when (e is TimeoutException or MemoryLimitExceededException or RecursionDepthOverflowException or StatementsCountOverflowException)
        {
            return Error(500, $"The Function was stopped: {e.Message}");
        }
        catch (ExecutionCanceledException)
        {
            ct.ThrowIfCancellationRequested();
            throw;
        }

        using var described = JsonDocument.Parse(engine.Evaluate("__describe()").AsString());
        return new FunctionAnswer(described.RootElement.GetProperty("status").GetInt32(), described.RootElement.GetProperty("body").GetString() ?? "null");
    }

    private static FunctionAnswer Error(int status, string message) => new(status, JsonSerializer.Serialize(new { error = message }));

    /// <summary>What the prelude calls back into: hashing, URL parsing and the Messages API.</summary>
    private sealed class Host(IMessagingApi messages, CancellationToken ct)
    {
#pragma warning disable IDE1006, CA1822 // names as JavaScript sees them; instance members so Jint binds them on the object
        public string sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

        public bool fixedTimeEquals(string a, string b) =>
            CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

        public string? parseUrl(string text) =>
            Uri.TryCreate(text, UriKind.Absolute, out var uri)
                ? JsonSerializer.Serialize(new { href = uri.AbsoluteUri, protocol = uri.Scheme + ":", host = uri.Authority, hostname = uri.Host, pathname = uri.AbsolutePath })
                : null;

        public string createMessage(string json)
        {
            var p = JsonNode.Parse(json)?.AsObject() ?? [];
            string? Field(string name) => p[name]?.GetValueKind() == JsonValueKind.String ? p[name]!.GetValue<string>() : p[name]?.ToJsonString();
            var callback = Field("statusCallback") is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : null;
            try
            {
                var sent = messages.CreateMessageAsync(new MessageCreate(Field("to") ?? "", Field("body") ?? "", Field("from"), Field("messagingServiceSid"), callback), ct)
                    .GetAwaiter().GetResult();
                return JsonSerializer.Serialize(new { sid = sent.Sid, status = sent.Status, to = sent.To, from = sent.From, body = sent.Body });
            }
            catch (TwilioApiException e)
            {
                return JsonSerializer.Serialize(new { error = true, code = e.Code, message = e.TwilioMessage, status = (int)e.Status, moreInfo = e.MoreInfo?.AbsoluteUri });
            }
        }
#pragma warning restore IDE1006, CA1822
    }
}
