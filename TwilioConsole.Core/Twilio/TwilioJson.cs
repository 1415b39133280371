using System.Text.Json;
using System.Text.Json.Serialization;

namespace TwilioConsole.Core.Twilio;

/// <summary>Twilio's REST JSON: snake_case names; numbers sometimes sent as strings ("num_segments": "2").</summary>
internal static class TwilioJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        Converters = { new Rfc2822DateTimeOffsetConverter() },
    };
}
