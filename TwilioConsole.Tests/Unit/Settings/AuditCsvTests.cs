using TwilioConsole.Web.Api;

namespace TwilioConsole.Tests.Unit.Settings;

[Trait("Lane", "Unit")]
public sealed class AuditCsvTests
{
    [Theory]
    [InlineData(null, "")]
    [InlineData("plain", "\"plain\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+1 555", "\"'+1 555\"")]
    public void Csv_QuotesAndDefusesFormulas(string? value, string expected) =>
        Assert.Equal(expected, ApiEndpoints.Csv(value));
}
