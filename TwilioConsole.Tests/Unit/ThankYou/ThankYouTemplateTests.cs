using TwilioConsole.Core.ThankYou;

namespace TwilioConsole.Tests.Unit.ThankYou;

[Trait("Lane", "Unit")]
public sealed class ThankYouTemplateTests
{
    [Theory]
    [InlineData("Thanks {first_name}!", "Zoë Park", "Thanks Zoë!")]
    [InlineData("Thanks {customer_name}!", null, "Thanks there!")]
    [InlineData("{agent} / {queue}", null, "our team / our support team")]
    public void Render_FillsPlaceholders_WithFallbacks(string template, string? name, string expected) =>
        Assert.Equal(expected, ThankYouTemplate.Render(template, name, null, null));

    [Fact]
    public void Render_FlattensAndBoundsValues()
    {
        var text = ThankYouTemplate.Render("Hi {customer_name}.", "Evil\nName\r\nWith " + new string('x', 100), null, null);

        Assert.DoesNotContain('\n', text);
        Assert.True(text.Length <= "Hi .".Length + 40);
    }

    [Theory]
    [InlineData("", "Write the message")]
    [InlineData("Hi {nickname}", "Unknown placeholder {nickname}")]
    public void Validate_SaysWhatToFix(string template, string message) =>
        Assert.Contains(message, ThankYouTemplate.Validate(template), StringComparison.Ordinal);

    [Fact]
    public void Validate_AcceptsTheDefault() => Assert.Null(ThankYouTemplate.Validate(ThankYouSettings.DefaultTemplate));

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(4, 40)]
    [InlineData(12, 600)]
    public void Backoff_DoublesUpToTenMinutes(int attempts, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), ThankYouDispatcher.Backoff(attempts));
}
