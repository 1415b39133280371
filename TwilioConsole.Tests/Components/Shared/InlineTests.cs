using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using TwilioConsole.Core.Settings;
using TwilioConsole.Web.Components.Shared;

namespace TwilioConsole.Tests.Components.Shared;

/// <summary>
/// What the pages draw as markup instead of MudBlazor's display-only components (ADR 13) — <c>Inline</c>'s pieces and the
/// class lists written by hand — must look like the component it stands for, so each is checked against what that
/// component renders in this MudBlazor version.
/// </summary>
[Trait("Lane", "Components")]
public sealed class InlineTests : MudTestContext
{
    [Theory]
    [InlineData(Color.Success, Variant.Outlined, null)]
    [InlineData(Color.Error, Variant.Outlined, null)]
    [InlineData(Color.Warning, Variant.Text, "ml-1")]
    [InlineData(Color.Default, Variant.Text, null)]
    [InlineData(Color.Warning, Variant.Filled, null)]
    public void Chip_HasTheClassesOfMudChip(Color color, Variant variant, string? cssClass)
    {
        var mud = Render<MudChip<string>>(p => p.Add(c => c.Size, Size.Small).Add(c => c.Color, color).Add(c => c.Variant, variant)
            .Add(c => c.Class, cssClass).AddChildContent("OK"));
        var inline = Render(Inline.Chip("OK", color, variant, cssClass: cssClass, title: "why", testId: "status"));

        var chip = inline.Find(".mud-chip");
        Assert.Equal(Classes(mud.Find(".mud-chip").ClassName), Classes(chip.ClassName));
        Assert.Equal("OK", chip.QuerySelector(".mud-chip-content")!.TextContent);
        Assert.Equal("why", chip.GetAttribute("title"));
        Assert.Equal("status", chip.GetAttribute("data-testid"));
        Assert.NotNull(inline.Find(".mud-chip-container"));
    }

    /// <summary>
    /// The pages write MudBlazor's layout and table components (MudGrid, MudItem, MudPaper, MudStack, MudTh, MudTd,
    /// MudText) as the markup they render (ADR 13): these are the class lists they rely on, as this MudBlazor version renders them.
    /// </summary>
    [Fact]
    public void LayoutMarkup_IsWhatMudBlazorRenders()
    {
        Assert.Equal("mud-grid mud-grid-spacing-xs-3 justify-start", Render<MudGrid>(p => p.Add(c => c.Spacing, 3)).Find("div").ClassName);
        Assert.Equal("mud-grid-item mud-grid-item-xs-12 mud-grid-item-sm-6 mud-grid-item-lg-4",
            Render<MudItem>(p => p.Add(c => c.xs, 12).Add(c => c.sm, 6).Add(c => c.lg, 4)).Find("div").ClassName);
        Assert.Equal("mud-paper mud-elevation-1 pa-4", Render<MudPaper>(p => p.Add(c => c.Elevation, 1).Add(c => c.Class, "pa-4")).Find("div").ClassName);
        Assert.Equal("mud-paper mud-paper-outlined", Render<MudPaper>(p => p.Add(c => c.Outlined, true)).Find("div").ClassName);
        var stack = Render<MudStack>(p => p.Add(c => c.Row, true).Add(c => c.Justify, Justify.SpaceBetween).Add(c => c.AlignItems, AlignItems.Center)
            .Add(c => c.Wrap, Wrap.Wrap)).Find("div");
        Assert.Equal("d-flex flex-row justify-space-between align-center flex-wrap gap-3", stack.ClassName);
        Assert.Equal("group", stack.GetAttribute("role"));
        Assert.Equal("d-flex flex-column gap-2", Render<MudStack>(p => p.Add(c => c.Spacing, 2)).Find("div").ClassName);
        Assert.Equal("<th scope=\"col\" class=\"mud-table-cell\">When</th>", Render<MudTh>(p => p.AddChildContent("When")).Markup);
        Assert.Equal("<td data-label=\"When\" class=\"mud-table-cell\">x</td>", Render<MudTd>(p => p.Add(c => c.DataLabel, "When").AddChildContent("x")).Markup);
        Assert.Equal("<h1 class=\"mud-typography mud-typography-h4 mb-1\">x</h1>",
            Render<MudText>(p => p.Add(c => c.Typo, Typo.h4).Add(c => c.HtmlTag, "h1").Add(c => c.Class, "mb-1").AddChildContent("x")).Markup);
        Assert.Equal("<p class=\"mud-typography mud-typography-body2 mud-error-text\">x</p>",
            Render<MudText>(p => p.Add(c => c.Typo, Typo.body2).Add(c => c.Color, Color.Error).AddChildContent("x")).Markup);
        Assert.Equal("<span class=\"mud-typography mud-typography-caption\">x</span>", Render<MudText>(p => p.Add(c => c.Typo, Typo.caption).AddChildContent("x")).Markup);
        Assert.Equal("<p class=\"mud-typography mud-typography-subtitle2\">x</p>", Render<MudText>(p => p.Add(c => c.Typo, Typo.subtitle2).AddChildContent("x")).Markup);

        // The layout's app bar, main area, container and app-bar buttons (MainLayout).
        Assert.Equal("<header class=\"mud-appbar mud-appbar-fixed-top mud-elevation-1\"><div role=\"toolbar\" class=\"mud-toolbar mud-toolbar-gutters mud-toolbar-appbar\">x</div></header>",
            Render<MudAppBar>(p => p.Add(c => c.Elevation, 1).AddChildContent("x")).Markup);
        Assert.Equal("<div class=\"mud-main-content\">x</div>", Render<MudMainContent>(p => p.AddChildContent("x")).Markup);
        Assert.Equal("mud-container mud-container-maxwidth-xl mud-container--gutters py-4 px-3 px-sm-6",
            Render<MudContainer>(p => p.Add(c => c.MaxWidth, MaxWidth.ExtraLarge).Add(c => c.Class, "py-4 px-3 px-sm-6")).Find("div").ClassName);
        var button = Render<MudIconButton>(p => p.Add(c => c.Icon, Icons.Material.Filled.Menu).Add(c => c.Color, Color.Inherit).Add(c => c.Edge, Edge.Start));
        Assert.Equal("mud-button-root mud-icon-button mud-inherit-text hover:mud-inherit-hover mud-ripple mud-ripple-icon mud-icon-button-edge-start", button.Find("button").ClassName);
        Assert.Equal("mud-icon-button-label", button.Find("button > span").ClassName);
    }

    [Theory]
    [InlineData(Color.Inherit, null)]
    [InlineData(Color.Default, null)]
    [InlineData(Color.Primary, null)]
    [InlineData(Color.Inherit, "ml-1 mr-2")]
    public void Icon_IsWhatMudIconDraws(Color color, string? cssClass)
    {
        var mud = Render<MudIcon>(p => p.Add(c => c.Icon, Icons.Material.Filled.HeadsetMic).Add(c => c.Color, color).Add(c => c.Class, cssClass));
        var inline = Render(Inline.Icon(Icons.Material.Filled.HeadsetMic, color, cssClass));

        Assert.Equal(mud.Markup, inline.Markup);
    }

    [Theory]
    [InlineData(Variant.Text, Color.Default, Size.Medium, true, false, "_blank")]
    [InlineData(Variant.Filled, Color.Primary, Size.Medium, true, false, null)]
    [InlineData(Variant.Text, Color.Primary, Size.Medium, false, true, null)]
    [InlineData(Variant.Outlined, Color.Default, Size.Small, true, false, "_blank")]
    [InlineData(Variant.Text, Color.Primary, Size.Medium, false, false, null)]
    public void LinkButton_IsWhatMudButtonDrawsForALink(Variant variant, Color color, Size size, bool start, bool end, string? target)
    {
        var icon = Icons.Material.Filled.Download;
        var mud = Render<MudButton>(p => p.Add(c => c.Href, "audit?x=1").Add(c => c.Variant, variant).Add(c => c.Color, color).Add(c => c.Size, size)
            .Add(c => c.StartIcon, start ? icon : null).Add(c => c.EndIcon, end ? icon : null).Add(c => c.Target, target).AddChildContent("Open")).Find("a");
        var inline = Render(Inline.LinkButton("audit?x=1", "Open", variant, color, start ? icon : null, end ? icon : null, size, target)).Find("a");

        Assert.Equal(Classes(mud.ClassName), Classes(inline.ClassName));
        foreach (var attribute in new[] { "href", "target", "rel" })
        {
            Assert.Equal(mud.GetAttribute(attribute), inline.GetAttribute(attribute));
        }

        Assert.Equal(mud.TextContent, inline.TextContent);
        Assert.Equal(mud.QuerySelector(".mud-button-label")!.InnerHtml.Replace("tabindex=\"-1\" ", "", StringComparison.Ordinal),
            inline.QuerySelector(".mud-button-label")!.InnerHtml);
    }

    /// <summary>The Dashboard's cards: MudCard, MudCardHeader (avatar, content), MudCardContent and MudCardActions as markup.</summary>
    [Fact]
    public void CardMarkup_IsWhatMudCardRenders()
    {
        RenderFragment card = b =>
        {
            b.OpenComponent<MudCard>(0);
            b.AddAttribute(1, "Elevation", 1);
            b.AddAttribute(2, "Class", "h-100");
            b.AddAttribute(3, "ChildContent", (RenderFragment)(c =>
            {
                c.OpenComponent<MudCardHeader>(0);
                c.AddAttribute(1, "CardHeaderAvatar", (RenderFragment)(d => d.AddContent(0, "A")));
                c.AddAttribute(2, "CardHeaderContent", (RenderFragment)(d => d.AddContent(0, "B")));
                c.CloseComponent();
                c.OpenComponent<MudCardContent>(3);
                c.AddAttribute(4, "ChildContent", (RenderFragment)(d => d.AddContent(0, "C")));
                c.CloseComponent();
                c.OpenComponent<MudCardActions>(5);
                c.AddAttribute(6, "ChildContent", (RenderFragment)(d => d.AddContent(0, "D")));
                c.CloseComponent();
            }));
            b.CloseComponent();
        };

        Render(card).MarkupMatches("""
            <div class="mud-paper mud-elevation-1 mud-card h-100" style="">
              <div class="mud-card-header mud-card-header-padding"><div class="mud-card-header-avatar">A</div><div class="mud-card-header-content">B</div></div>
              <div class="mud-card-content mud-card-content-padding">C</div>
              <div class="mud-card-actions mud-card-actions-padding">D</div>
            </div>
            """);
        Assert.Equal("<div aria-hidden=\"true\" class=\"flex-grow-1\"></div>", Render<MudSpacer>().Markup);
    }

    [Fact]
    public void SandboxLabel_MarksSandboxRowsOnly()
    {
        var sandbox = Render(Inline.SandboxLabel(ConsoleMode.Sandbox)).Find("[data-testid=sandbox-label]");
        Assert.Contains("Sandbox", sandbox.TextContent, StringComparison.Ordinal);
        Assert.Contains("not sent by your Twilio account", sandbox.GetAttribute("title"), StringComparison.Ordinal);
        Assert.NotNull(sandbox.QuerySelector("svg.mud-chip-icon path"));

        Assert.Empty(Render(Inline.SandboxLabel(ConsoleMode.Twilio)).Markup.Trim());
        Assert.Empty(Render(Inline.SandboxLabel(null)).Markup.Trim());
    }

    [Fact]
    public void Error_HasTheClassesOfAnErrorCaption()
    {
        var mud = Render<MudText>(p => p.Add(c => c.Typo, Typo.caption).Add(c => c.Color, Color.Error).Add(c => c.Class, "d-block").AddChildContent("x"));
        var inline = Render(Inline.Error("21211: invalid number"));

        Assert.Equal(Classes(mud.Find("span").ClassName), Classes(inline.Find("span").ClassName));
        Assert.Equal("21211: invalid number", inline.Find("span").TextContent);
    }

    [Fact]
    public void Time_IsUtcWithTheFullValueInItsTooltip()
    {
        var at = new DateTimeOffset(2026, 12, 3, 23, 5, 9, TimeSpan.FromHours(2));
        var span = Render(Inline.Time(at)).Find("span");

        Assert.Equal("2026-12-03 21:05:09 UTC", span.TextContent);
        Assert.Equal("2026-12-03T23:05:09.0000000+02:00", span.GetAttribute("title"));
    }

    [Fact]
    public void LongText_ShortIsShownWhole_WithNothingToOpen()
    {
        var cut = Render(Inline.LongText("Thanks for calling!"));

        Assert.Equal("Thanks for calling!", cut.Find(".long-text").TextContent);
        Assert.Empty(cut.FindAll("details"));
        Assert.Empty(Render(Inline.LongText(null)).Find(".long-text").TextContent);
    }

    [Fact]
    public void LongText_LongIsAPreviewCutAtAWord_WithTheWholeTextOneClickAway()
    {
        var text = string.Join(" ", Enumerable.Repeat("A long update about your repair.", 20)); // 659 characters
        var cut = Render(Inline.LongText(text));

        var preview = cut.Find(".long-text-preview").TextContent;
        Assert.EndsWith("…", preview, StringComparison.Ordinal);
        Assert.True(preview.Length <= 161, $"preview of {preview.Length} characters");
        Assert.StartsWith(preview[..^1], text, StringComparison.Ordinal);
        Assert.Equal(' ', text[preview.Length - 1]); // cut where a word ends
        Assert.Equal($"Show all {text.Length:N0} characters", cut.Find(".long-text-more").TextContent);
        Assert.Equal("Show less", cut.Find(".long-text-less").TextContent);
        Assert.Equal(text, cut.Find("details > [data-testid=long-text-full]").TextContent);
        Assert.Null(cut.Find("details").GetAttribute("open"));
    }

    [Theory]
    [InlineData(170, 160)]   // no space in the last 40 characters: cut at the limit
    [InlineData(300, 240)]
    public void LongText_WithoutSpaces_IsCutAtTheLimit_NeverInsideASurrogatePair(int length, int limit)
    {
        var plain = new string('x', length);
        Assert.Equal(limit, Inline.Cut(plain, limit));

        var emoji = new string('x', limit - 1) + "😀" + new string('x', length - limit - 1); // a pair across the limit
        Assert.Equal(limit - 1, Inline.Cut(emoji, limit));
    }
}
