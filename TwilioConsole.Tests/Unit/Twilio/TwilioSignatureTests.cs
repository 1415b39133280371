using System.Text;
using System.Text.Json;
using TwilioConsole.Core.Twilio;

namespace TwilioConsole.Tests.Unit.Twilio;

/// <summary>Our validator against vectors made by Twilio's own Node library (tools/signature-vectors).</summary>
[Trait("Lane", "Unit")]
public sealed class TwilioSignatureTests
{
    private static readonly JsonDocument Vectors = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Unit", "Twilio", "signature-vectors.json")));
    private static string Token => Vectors.RootElement.GetProperty("authToken").GetString()!;

    public static TheoryData<string> FormVectors() =>
        [.. Vectors.RootElement.GetProperty("vectors").EnumerateArray().Where(v => v.GetProperty("kind").GetString() == "form").Select(v => v.GetProperty("name").GetString()!)];

    private static JsonElement Vector(string name) =>
        Vectors.RootElement.GetProperty("vectors").EnumerateArray().Single(v => v.GetProperty("name").GetString() == name);

    private static List<KeyValuePair<string, string>> Params(JsonElement vector) =>
        [.. vector.GetProperty("params").EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString()!))];

    [Theory]
    [MemberData(nameof(FormVectors))]
    public void Compute_MatchesTwilioNode(string name)
    {
        var v = Vector(name);

        Assert.Equal(v.GetProperty("signature").GetString(), TwilioSignature.Compute(Token, v.GetProperty("url").GetString()!, Params(v)));
    }

    [Theory]
    [MemberData(nameof(FormVectors))]
    public void IsValid_AcceptsTwilioNodeSignature(string name)
    {
        var v = Vector(name);

        Assert.True(TwilioSignature.IsValid(Token, v.GetProperty("url").GetString()!, Params(v), v.GetProperty("signature").GetString()));
    }

    [Fact]
    public void IsValid_UrlWithoutPort_AcceptsSignatureMadeWithDefaultPort()
    {
        var v = Vector("explicit default port");

        Assert.True(TwilioSignature.IsValid(Token, "https://admin.example.com/twilio/sms-status?tenant=42", Params(v), v.GetProperty("signature").GetString()));
    }

    [Fact]
    public void IsValid_UrlWithPort_AcceptsSignatureMadeWithoutIt()
    {
        var v = Vector("status callback with query");

        Assert.True(TwilioSignature.IsValid(Token, "https://admin.example.com:443/twilio/sms-status?tenant=42", Params(v), v.GetProperty("signature").GetString()));
    }

    [Theory]
    [InlineData("scheme", "http://admin.example.com/twilio/sms-status?tenant=42", null, null)]
    [InlineData("query", "https://admin.example.com/twilio/sms-status?tenant=43", null, null)]
    [InlineData("value", null, "MessageStatus", "failed")]
    [InlineData("extra field", null, "Injected", "1")]
    public void IsValid_AnyChange_IsRejected(string _, string? url, string? key, string? value)
    {
        var v = Vector("status callback with query");
        var form = Params(v).Where(p => p.Key != key).ToList();
        if (key is not null)
        {
            form.Add(new(key, value!));
        }

        Assert.False(TwilioSignature.IsValid(Token, url ?? v.GetProperty("url").GetString()!, form, v.GetProperty("signature").GetString()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-base64")]
    public void IsValid_MissingOrGarbageSignature_IsRejected(string? signature)
    {
        var v = Vector("status callback with query");

        Assert.False(TwilioSignature.IsValid(Token, v.GetProperty("url").GetString()!, Params(v), signature));
    }

    [Fact]
    public void IsValid_WrongToken_IsRejected()
    {
        var v = Vector("status callback with query");

        Assert.False(TwilioSignature.IsValid("0" + Token[1..], v.GetProperty("url").GetString()!, Params(v), v.GetProperty("signature").GetString()));
    }

    [Fact]
    public void IsValidJson_MatchesTwilioNode_AndPinsTheBody()
    {
        var v = Vector("json body");
        var (url, body, signature) = (v.GetProperty("url").GetString()!, v.GetProperty("body").GetString()!, v.GetProperty("signature").GetString());

        Assert.True(TwilioSignature.IsValidJson(Token, url, Encoding.UTF8.GetBytes(body), signature));
        Assert.False(TwilioSignature.IsValidJson(Token, url, Encoding.UTF8.GetBytes(body.Replace("completed", "canceled", StringComparison.Ordinal)), signature));
    }
}
