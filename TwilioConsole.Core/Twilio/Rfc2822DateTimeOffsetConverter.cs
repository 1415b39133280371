using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TwilioConsole.Core.Twilio;

/// <summary>Reads both date styles Twilio uses: RFC 2822 in the 2010 API ("Fri, 24 May 2019 17:44:50 +0000"), ISO 8601 elsewhere.</summary>
internal sealed class Rfc2822DateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    private static readonly string[] Formats = ["ddd, dd MMM yyyy HH:mm:ss zzz", "ddd, d MMM yyyy HH:mm:ss zzz"];

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString() ?? throw new JsonException("Expected a date string.");
        if (DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var rfc))
        {
            return rfc;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var iso)
            ? iso
            : throw new JsonException($"Unrecognised date '{text}'.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("O", CultureInfo.InvariantCulture));
}
