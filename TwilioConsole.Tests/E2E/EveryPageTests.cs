using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TwilioConsole.Core.Data.Entities;
using TwilioConsole.Core.Messaging;
using TwilioConsole.Core.Onboarding;
using static Microsoft.Playwright.Assertions;

namespace TwilioConsole.Tests.E2E;

/// <summary>
/// Every page, with data on it, at a desktop width (1440 × 900) and a phone width (390 × 844): nothing scrolls
/// sideways, the app bar's text is not cut off, no console errors. The screenshots (artifacts/e2e/page-*) are the
/// ones a person looks through.
/// </summary>
[Trait("Lane", "E2E")]
public sealed class EveryPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    public static readonly (string Path, string Name)[] Pages =
    [
        ("", "dashboard"), ("live", "live"), ("ivr", "ivr"), ("routing", "routing"), ("flex", "flex"), ("calls", "test-call"), ("sms/send", "send-sms"),
        ("messages", "messages"), ("functions", "functions"), ("completion-texts", "completion-texts"), ("audit", "audit"),
        ("settings", "settings"), ("users", "users"), ("access-denied", "access-denied"),
        ("Account/Manage", "account"), ("Account/Manage/ChangePassword", "account-password"), // static pages, the same look
    ];

    /// <summary>
    /// Text that runs past the right edge of the screen, or is cut inside its own box, outside the few places meant to
    /// scroll sideways (tab bars). Returns what it found, shortened.
    /// </summary>
    private const string ClippedText = """
        () => {
          const scrolls = e => { for (let a = e.parentElement; a; a = a.parentElement) {
            const o = getComputedStyle(a).overflowX;
            if ((o === 'auto' || o === 'scroll') || a.classList.contains('mud-tabs-tabbar-wrapper')) return true; } return false; };
          return [...document.querySelectorAll('body *')]
            .filter(e => e.children.length === 0 && e.textContent.trim() && e.offsetParent !== null && !scrolls(e))
            .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.right > window.innerWidth + 1 || e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflow !== 'visible'); })
            .map(e => e.tagName + '.' + (e.className || '') + ' "' + e.textContent.trim().slice(0, 40) + '"');
        }
        """;

    /// <summary>Boxes that need sideways scrolling (a table too wide for the screen), other than the ones meant to: tab bars, the flow diagram, JSON.</summary>
    private const string SidewaysScrollers = """
        () => [...document.querySelectorAll('body *')]
          .filter(e => e.offsetParent !== null && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth + 1)
          .filter(e => !e.closest('.mud-tabs-tabbar, [data-testid=flow-diagram], .json-block, pre, .mud-drawer'))
          .map(e => e.tagName + '.' + (e.className || '') + ' [' + (e.closest('[data-testid]')?.getAttribute('data-testid') || '') + '] ' + e.scrollWidth + '>' + e.clientWidth
            + ' widest: ' + [...e.querySelectorAll('*')].filter(x => x.offsetParent !== null).sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right).slice(0, 2).map(x => x.tagName + '.' + x.className + ' ' + Math.round(x.getBoundingClientRect().right) + ' ' + getComputedStyle(x).width).join(' / '))
        """;

    private async Task SeedAsync()
    {
        var quickStart = browser.App.Services.GetRequiredService<QuickStart>();
        foreach (var (step, _) in QuickStart.Steps)
        {
            await quickStart.RunAsync(step, "ada@example.com", CancellationToken.None);
        }

        var sender = browser.App.Services.GetRequiredService<SmsSender>();
        await sender.SendAsync(new SendSmsRequest("+14155550100", "Thanks for calling! Your ticket is #4521."), MessageSource.Form, "ada@example.com", CancellationToken.None);
        await sender.SendAsync(new SendSmsRequest("+14155550101", string.Join(" ", Enumerable.Repeat("A long update about your repair, with every detail staff wrote.", 24))),
            MessageSource.Form, "ada@example.com", CancellationToken.None);
    }

    [Theory]
    [InlineData(1440, 900)]
    [InlineData(390, 844)]
    public async Task EveryPage_FitsTheScreen(int width, int height)
    {
        browser.SkipWhenNoBrowser();
        await SeedAsync();
        var (page, errors) = await browser.SignedInPageAsync(width, height);

        foreach (var (path, name) in Pages)
        {
            await page.GotoAsync(path);
            if (!path.StartsWith("Account/", StringComparison.Ordinal))
            {
                await BrowserFixture.WaitForInteractiveAsync(page);
            }

            await Expect(page.Locator("h1").First).ToBeVisibleAsync();
            await page.WaitForTimeoutAsync(300); // let charts and live panels settle before the picture
            await BrowserFixture.ScreenshotAsync(page, $"page-{width}-{name}");

            const string Overflow = "() => document.documentElement.scrollWidth - window.innerWidth";
            var overflow = await page.EvaluateAsync<int>(Overflow);
            if (overflow > 1)
            {
                await page.WaitForTimeoutAsync(1000); // a transient layout while the page settles is not a finding
                overflow = await page.EvaluateAsync<int>(Overflow);
            }

            var widest = overflow <= 1 ? "" : await page.EvaluateAsync<string>(
                "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).slice(-3).map(e => e.tagName + '.' + e.className).join(' | ')");
            Assert.True(overflow <= 1, $"/{path} scrolls sideways by {overflow} px at {width} px: {widest}");
            var clipped = await page.EvaluateAsync<string[]>(ClippedText);
            Assert.True(clipped.Length == 0, $"/{path} at {width} px cuts off text: {string.Join(" | ", clipped)}");
            var sideways = await page.EvaluateAsync<string[]>(SidewaysScrollers);
            Assert.True(sideways.Length == 0, $"/{path} at {width} px has boxes to scroll sideways: {string.Join(" | ", sideways)}");
        }

        Assert.Empty(errors);
    }
}
