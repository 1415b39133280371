using TwilioConsole.Core.Settings;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Tests.Unit.Settings;

[Trait("Lane", "Unit")]
public sealed class SettingsValidatorTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("AC0123456789abcdef0123456789ABCDEF", true)]
    [InlineData("AC0123456789abcdef0123456789abcde", false)]   // 33 characters
    [InlineData("SK0123456789abcdef0123456789abcdef", false)]  // wrong prefix
    [InlineData("AC0123456789abcdef0123456789abcdeg", false)]  // not hex
    [InlineData("ac0123456789abcdef0123456789abcdef", false)]  // prefix is case-sensitive
    public void AccountSid_AcceptsOnlyAcPlus32Hex(string? value, bool valid) =>
        Assert.Equal(valid, SettingsValidator.AccountSid(value) is null);

    [Theory]
    [InlineData("https://console.example.com", true)]
    [InlineData("http://localhost:5080/", true)]
    [InlineData("ftp://console.example.com", false)]
    [InlineData("console.example.com", false)]
    [InlineData("https://console.example.com/?a=1", false)]
    [InlineData("https://user:pw@console.example.com/", false)]
    public void PublicBaseUrl_NeedsAbsoluteHttpWithoutQuery(string value, bool valid) =>
        Assert.Equal(valid, SettingsValidator.PublicBaseUrl(value) is null);

    [Theory]
    [InlineData("+15005550006", true)]
    [InlineData("MG0123456789abcdef0123456789abcdef", true)]
    [InlineData("5005550006", false)]
    [InlineData("+0123", false)]
    [InlineData("+1234567890123456", false)] // 16 digits: longer than E.164 allows
    [InlineData("+14155550100", true)]
    [InlineData("+15551234567", false)]      // what Send SMS refuses as a number, the sender may not be either
    public void DefaultSender_IsE164OrMessagingService(string value, bool valid) =>
        Assert.Equal(valid, SettingsValidator.DefaultSender(value) is null);

    [Fact]
    public void ASenderTheSendFormWouldRefuse_IsRefusedWithTheSameReason() =>
        Assert.Equal(TwilioConsole.Core.Messaging.Phone.Normalize("+15551234567", "US").Error, SettingsValidator.DefaultSender("+15551234567"));

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef", true)]
    [InlineData("0123456789abcdef", false)]
    [InlineData("zz23456789abcdef0123456789abcdef", false)]
    public void AuthToken_Is32Hex(string value, bool valid) =>
        Assert.Equal(valid, SettingsValidator.AuthToken(value) is null);

    [Fact]
    public void TwilioModeWithoutCredentials_NamesBothMissingFields()
    {
        var errors = SettingsValidator.Validate(new SettingsForm { Mode = ConsoleMode.Twilio }, EmptySnapshot());

        Assert.Contains("Account SID", errors[SettingKeys.AccountSid], StringComparison.Ordinal);
        Assert.Contains("Auth Token", errors[SettingKeys.AuthToken], StringComparison.Ordinal);
    }

    [Fact]
    public void ApiKeySidWithoutSecret_AsksForTheSecret()
    {
        var form = new SettingsForm { AccountSid = Sids.Account(), ApiKeySid = Sids.ApiKey() };

        var errors = SettingsValidator.Validate(form, EmptySnapshot());

        Assert.Equal("Enter the secret that belongs to this API Key.", errors[SettingKeys.ApiKeySecret]);
    }

    [Fact]
    public void SandboxWithNothingSet_IsValid() =>
        Assert.Empty(SettingsValidator.Validate(new SettingsForm(), EmptySnapshot()));

    [Fact]
    public void SecretHint_ShowsOnlyTheLastFourCharacters() =>
        Assert.Equal("set, ends in …cdef", SettingsService.Hint("0123456789abcdef0123456789abcdef"));

    private static SettingsSnapshot EmptySnapshot() => new(new ConsoleSettings(),
        SettingKeys.All.ToDictionary(d => d.Key, d => new SettingView(d, d.Default, SettingSource.Default, null)));
}
