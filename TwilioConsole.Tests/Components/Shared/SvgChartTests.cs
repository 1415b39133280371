using System.Globalization;
using Bunit;
using TwilioConsole.Web.Components.Shared;
using TwilioConsole.Web.Components.Shared.Charts;

namespace TwilioConsole.Tests.Components.Shared;

/// <summary>
/// The charts are one piece of SVG markup each (ADR 15): the bars and points must stand for the figures (heights in
/// proportion, each with its value as a title), the axis must be readable, and a page must hold one string rather than a
/// tree of components.
/// </summary>
[Trait("Lane", "Components")]
public sealed class SvgChartTests : MudTestContext
{
    private static readonly string[] OddLabels = ["<i>a</i>"];
    private static readonly char[] PathCommands = ['M', 'L'];
    private static readonly string[] Hours = [.. Enumerable.Range(0, 24).Select(h => h.ToString("00", CultureInfo.InvariantCulture))];

    [Fact]
    public void BarChart_DrawsABarPerSeriesAndLabel_InProportion_WithTitlesAndALegend()
    {
        var support = new ChartSeries("Support", [.. Enumerable.Range(0, 24).Select(h => h == 6 ? 20.0 : h == 7 ? 10 : 0)]);
        var troubleshooting = new ChartSeries("Troubleshooting", [.. Enumerable.Repeat(0.0, 24)]);
        var chart = Render<SvgChart>(p => p.Add(c => c.Series, new[] { support, troubleshooting }).Add(c => c.Labels, Hours).Add(c => c.AxisEvery, 6)
            .Add(c => c.Height, "160px").Add(c => c.Description, "Calls per queue per hour today").Add(c => c.TestId, "chart"));

        var bars = chart.FindAll("rect.mud-chart-bar");
        Assert.Equal(48, bars.Count);
        var six = bars.Single(b => b.QuerySelector("title")!.TextContent == "Support, 06: 20");
        var seven = bars.Single(b => b.QuerySelector("title")!.TextContent == "Support, 07: 10");
        Assert.Equal(2 * Height(seven), Height(six), 1); // the axis tops at 20, so 20 is the full height and 10 half of it
        Assert.Equal(294, Height(six), 1);
        Assert.Equal(0, Height(bars.Single(b => b.QuerySelector("title")!.TextContent == "Troubleshooting, 06: 0")));
        Assert.Equal(["00", "06", "12", "18"], chart.FindAll(".mud-charts-xaxis text").Select(t => t.TextContent));
        Assert.Equal(["0", "5", "10", "15", "20"], chart.FindAll(".mud-charts-yaxis text").Select(t => t.TextContent));
        Assert.Equal(["Support", "Troubleshooting"], chart.FindAll(".mud-chart-legend-item").Select(i => i.TextContent.Trim()));
        Assert.Equal("Calls per queue per hour today", chart.Find("svg").GetAttribute("aria-label"));
        Assert.Equal("img", chart.Find("svg").GetAttribute("role"));
        Assert.NotNull(chart.Find("[data-testid=chart].mud-chart"));
    }

    [Fact]
    public void LineChart_DrawsALinePerSeries_ThroughAPointPerLabel()
    {
        var days = new[] { "Mon 1", "Tue 2", "Wed 3" };
        var chart = Render<SvgChart>(p => p.Add(c => c.Kind, ChartKind.Line).Add(c => c.Labels, days).Add(c => c.Description, "Service level")
            .Add(c => c.Series, new[] { new ChartSeries("Support", [100, 50, 75]), new ChartSeries("Troubleshooting", [0, 100]) }));

        var lines = chart.FindAll("path.mud-chart-line");
        Assert.Equal(2, lines.Count);
        Assert.Equal(3, lines[0].GetAttribute("d")!.Split(['M', 'L']).Count(p => p.Trim().Length > 0));
        Assert.Equal(6, chart.FindAll("circle").Count);
        Assert.Contains(chart.FindAll("circle title"), t => t.TextContent == "Support, Tue 2: 50");
        Assert.Contains(chart.FindAll("circle title"), t => t.TextContent == "Troubleshooting, Wed 3: 0"); // a missing value is 0
        Assert.Equal(["Mon 1", "Tue 2", "Wed 3"], chart.FindAll(".mud-charts-xaxis text").Select(t => t.TextContent));
    }

    [Fact]
    public void NamesAndLabels_AreText_AndAnEmptyOrOddChartStillDraws()
    {
        var chart = Render<SvgChart>(p => p.Add(c => c.Labels, OddLabels).Add(c => c.Description, "\"quoted\"")
            .Add(c => c.Series, new[] { new ChartSeries("<script>x</script>", [double.NaN]) }));

        Assert.Empty(chart.FindAll("script"));
        Assert.Empty(chart.FindAll("i"));
        Assert.Equal("<script>x</script>", chart.Find(".mud-chart-legend-item").TextContent.Trim());
        Assert.Equal("<script>x</script>, <i>a</i>: 0", chart.Find("rect title").TextContent);
        Assert.Equal("\"quoted\"", chart.Find("svg").GetAttribute("aria-label"));
        Assert.DoesNotContain("NaN", chart.Markup, StringComparison.Ordinal);

        var empty = Render<SvgChart>(p => p.Add(c => c.Labels, Array.Empty<string>()).Add(c => c.Series, Array.Empty<ChartSeries>()).Add(c => c.Description, "none"));
        Assert.Equal(["0", "0.25", "0.5", "0.75", "1"], empty.FindAll(".mud-charts-yaxis text").Select(t => t.TextContent));
        Assert.Empty(empty.FindAll("rect"));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-3, 1)]
    [InlineData(0.3, 0.5)]
    [InlineData(1, 1)]
    [InlineData(3, 5)]
    [InlineData(7, 10)]
    [InlineData(10, 10)]
    [InlineData(11, 20)]
    [InlineData(21, 25)]
    [InlineData(180, 200)]
    [InlineData(260, 500)]
    public void TheAxisTopsAtARoundNumber_AtOrAboveTheLargestValue(double largest, double top) =>
        Assert.Equal(top, SvgChartMarkup.NiceMax(largest), 9);

    [Fact]
    public void TheChartIsOneComponent_DrawnAgainOnlyWhenItsFiguresChange_AndPagesShareOneCopy()
    {
        var series = new[] { new ChartSeries("Support", [1, 2, 3]) };
        var labels = new[] { "a", "b", "c" };
        var chart = Render<SvgChart>(p => p.Add(c => c.Series, series).Add(c => c.Labels, labels).Add(c => c.Description, "d"));
        Assert.Empty(chart.FindComponents<Microsoft.AspNetCore.Components.IComponent>()); // no child components
        var renders = chart.RenderCount;

        chart.Render(p => p.Add(c => c.Series, new[] { new ChartSeries("Support", [1, 2, 3]) })); // a new list, the same figures
        Assert.Equal(renders, chart.RenderCount);

        chart.Render(p => p.Add(c => c.Series, new[] { new ChartSeries("Support", [1, 2, 4]) }));
        Assert.Equal(renders + 1, chart.RenderCount);
        Assert.Contains(chart.FindAll("rect title"), t => t.TextContent == "Support, c: 4");

        var text = SvgChartMarkup.Build(ChartKind.Bar, series, labels, 1, "220px", "d");
        Assert.Same(SharedMarkup.Recent(text), SharedMarkup.Recent(new string(text.AsSpan())));
    }

    private static double Height(AngleSharp.Dom.IElement bar) => double.Parse(bar.GetAttribute("height")!, CultureInfo.InvariantCulture);
}
