using Bunit;
using Microsoft.Extensions.DependencyInjection;
using TwilioConsole.Core.ThankYou;
using TwilioConsole.Web.Components.Pages.ThankYou;

namespace TwilioConsole.Tests.Components.ThankYou;

/// <summary>Text that arrived in a webhook is shown as text: markup in it is escaped, never run.</summary>
[Trait("Lane", "Components")]
public sealed class HostileTextRenderingTests : MudTestContext
{
    [Fact]
    public async Task ScriptInACallersName_IsShownEscaped()
    {
        var intake = Migrated.GetRequiredService<TwilioConsole.Core.Operations.TaskRouterIntake>();
        await intake.AcceptAsync(new TaskEvent("task.wrapup", "WT" + new string('a', 32), "voice",
            """{"from":"+14155550100","name":"<script>alert(1)</script>"}""", "<b>Support</b>", "<img src=x onerror=alert(1)>", "WK" + new string('b', 32), 95),
            null, Xunit.TestContext.Current.CancellationToken);

        var (page, _) = RenderWithPopovers<CompletionTextsPage>();

        page.WaitForAssertion(() => Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain("<script>alert", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("img[onerror]"));
    }
}
