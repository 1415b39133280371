using TwilioConsole.Core.Messaging;

namespace TwilioConsole.Tests.Unit.Messaging;

[Trait("Lane", "Unit")]
public sealed class PhoneTests
{
    [Theory]
    [InlineData("+1 415 555 0100", "US", "+14155550100")]
    [InlineData("(415) 555-0100", "US", "+14155550100")]
    [InlineData("415.555.0100", "us", "+14155550100")]
    [InlineData("+44 20 7946 0958", "US", "+442079460958")]
    [InlineData("020 7946 0958", "GB", "+442079460958")]
    [InlineData("030 123456", "DE", "+4930123456")]
    public void Normalize_ValidInput_GivesE164(string input, string region, string expected) =>
        Assert.Equal(expected, Phone.Normalize(input, region).E164);

    [Theory]
    [InlineData("", "Enter a phone number.")]
    [InlineData("hello", "Enter a phone number such as")]
    [InlineData("555-0100", "not a valid phone number: it is a local number without its area code. Numbers without + are read as US numbers")]
    [InlineData("+1 555 01", "not a valid phone number: it has too few digits for US.")]
    [InlineData("+1 555 123 4567", "no US number in use starts like this (555 numbers, for example, are reserved for fiction)")]
    public void Normalize_BadInput_SaysWhatToFix(string input, string message) =>
        Assert.Contains(message, Phone.Normalize(input, "US").Error, StringComparison.Ordinal);

    [Theory]
    [InlineData("+14155550100", "+1••••••••00")]
    [InlineData("+442079460958", "+44••••••••58")]
    [InlineData(null, "•••")]
    public void Mask_KeepsCountryCodeAndLastTwoDigits(string? number, string expected) =>
        Assert.Equal(expected, Phone.Mask(number));
}
