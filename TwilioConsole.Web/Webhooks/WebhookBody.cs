using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace TwilioConsole.Web.Webhooks;

/// <summary>
/// A webhook's body read once from the request's pipe, never more than a limit (a body sent without a length too),
/// and an <c>application/x-www-form-urlencoded</c> form parsed from it in one pass — what ASP.NET's form reader does,
/// without its stream, buffers and asynchronous steps per field, which cost a signed webhook more than its signature.
/// </summary>
internal static class WebhookBody
{
    public const int MaxKeyLength = 256;
    public const int MaxFields = 256;

    /// <summary>The whole body as bytes.</summary>
    /// <exception cref="BadHttpRequestException">413 when it is longer than <paramref name="maxBytes"/>.</exception>
    public static async Task<byte[]> ReadAsync(PipeReader reader, int maxBytes, CancellationToken ct)
    {
        while (true)
        {
            var result = await reader.ReadAsync(ct);
            var buffer = result.Buffer;
            if (buffer.Length > maxBytes)
            {
                reader.AdvanceTo(buffer.End);
                throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                var bytes = buffer.ToArray();
                reader.AdvanceTo(buffer.End);
                return bytes;
            }

            reader.AdvanceTo(buffer.Start, buffer.End); // nothing consumed; wait for the rest
        }
    }

    /// <summary>
    /// The form's fields exactly as ASP.NET's <c>FormReader</c> reads them (its tests compare the two): a name runs to
    /// the next <c>=</c>, its value to the next <c>&amp;</c>; text after the last <c>=</c>-less part is ignored; UTF-8,
    /// <c>+</c> as space, <c>%XX</c> escapes (malformed ones kept as written).
    /// </summary>
    /// <exception cref="InvalidDataException">More than <see cref="MaxFields"/> fields, or a name longer than <see cref="MaxKeyLength"/>.</exception>
    public static Dictionary<string, StringValues> ParseForm(ReadOnlySpan<byte> body)
    {
        var fields = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        var count = 0;
        var rest = body;
        while (rest.IndexOf((byte)'=') is var equals and >= 0)
        {
            var key = Decode(rest[..equals]);
            if (key.Length > MaxKeyLength)
            {
                throw new InvalidDataException($"Form field name longer than {MaxKeyLength} characters.");
            }

            rest = rest[(equals + 1)..];
            var amp = rest.IndexOf((byte)'&');
            var value = Decode(amp < 0 ? rest : rest[..amp]);
            rest = amp < 0 ? default : rest[(amp + 1)..];
            if (++count > MaxFields)
            {
                throw new InvalidDataException($"Form has more than {MaxFields} fields.");
            }

            fields[key] = fields.TryGetValue(key, out var existing) ? StringValues.Concat(existing, value) : new StringValues(value);
        }

        return fields;
    }

    private static string Decode(ReadOnlySpan<byte> encoded)
    {
        var text = Encoding.UTF8.GetString(encoded);
        return encoded.IndexOfAny((byte)'%', (byte)'+') < 0 ? text : Uri.UnescapeDataString(text.Replace('+', ' '));
    }
}
