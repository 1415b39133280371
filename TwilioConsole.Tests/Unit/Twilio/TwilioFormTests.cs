using System.Text.Json;
using TwilioConsole.Core.Twilio;

namespace TwilioConsole.Tests.Unit.Twilio;

[Trait("Lane", "Unit")]
public sealed class TwilioFormTests
{
    [Fact]
    public async Task ToContent_RepeatsListKeys_LowercasesBooleans_SkipsNulls()
    {
        var form = new TwilioForm()
            .Add("FriendlyName", "Support & Sales")
            .Add("Enabled", true)
            .Add("Skipped", (string?)null)
            .Add("Timeout", 30)
            .AddEach("FunctionVersions", ["ZN1", "ZN2"]);

        var body = await form.ToContent().ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal("FriendlyName=Support+%26+Sales&Enabled=true&Timeout=30&FunctionVersions=ZN1&FunctionVersions=ZN2", body);
    }

    [Theory]
    [InlineData("\"Fri, 24 May 2019 17:44:50 +0000\"", "2019-05-24T17:44:50+00:00")]
    [InlineData("\"2017-11-06T12:00:00Z\"", "2017-11-06T12:00:00+00:00")]
    public void Dates_ReadBothTwilioStyles(string json, string expected)
    {
        var value = JsonSerializer.Deserialize<DateTimeOffset>(json, TwilioJson.Options);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Fact]
    public void Json_ReadsSnakeCaseAndNumbersAsStrings()
    {
        var message = JsonSerializer.Deserialize<Sample>("""{"num_segments": "2", "friendly_name": "x"}""", TwilioJson.Options)!;

        Assert.Equal(2, message.NumSegments);
        Assert.Equal("x", message.FriendlyName);
    }

    [Theory]
    [InlineData("AC0123456789abcdef0123456789abcdef", "AC", true)]
    [InlineData("AC0123456789abcdef0123456789abcdef", "WS", false)]
    [InlineData(null, "AC", false)]
    public void Sid_ChecksPrefixAndLength(string? sid, string prefix, bool valid) =>
        Assert.Equal(valid, TwilioSid.IsValid(sid, prefix));

    private sealed record Sample(int NumSegments, string FriendlyName);
}
