using System.Globalization;
using System.Net;
using System.Text;

namespace TwilioConsole.Web.Components.Shared.Charts;

/// <summary>
/// A bar or line chart as one piece of SVG markup, in MudChart's classes and proportions (so MudBlazor's chart styles
/// apply), with the value of each bar or point as its native tooltip (<c>title</c>) and the whole chart described for
/// screen readers. Built once per change of data: a page keeps one string instead of MudChart's components, frames and
/// event handlers (ADR 15).
/// </summary>
public static class SvgChartMarkup
{
    /// <summary>A series' colour by position, MudBlazor's default chart palette.</summary>
    public static readonly IReadOnlyList<string> Palette = ["#2979FF", "#1DE9B6", "#FFC400", "#FF9100", "#651FFF", "#00E676", "#00B0FF", "#26A69A"];

    // The drawing's own units; the page scales it to the chart's width and height (about half size on a phone or in a
    // half-width card), so the axis text is drawn at 22 units to stay readable there.
    private const double Width = 700, Height = 350, Left = 56, Right = 690, Top = 16, Bottom = 310, FontSize = 22;

    /// <summary>The chart's SVG and legend.</summary>
    /// <param name="labels">A label for each value (its bar's or point's title names it).</param>
    /// <param name="axisEvery">Every how many labels the x axis writes one (1: all; 3: hours 00, 03, 06 …).</param>
    /// <param name="height">The chart's CSS height, e.g. "160px".</param>
    /// <param name="description">What the chart shows, for screen readers (the figures are in each bar's or point's title).</param>
    public static string Build(ChartKind kind, IReadOnlyList<ChartSeries> series, IReadOnlyList<string> labels, int axisEvery, string height, string description)
    {
        var max = NiceMax(series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max());
        var steps = GridLines(max);
        var ticks = Enumerable.Range(0, steps + 1).Select(n => max * n / steps).ToList();
        var slot = (Right - Left) / Math.Max(1, labels.Count);
        var html = new StringBuilder(2048 + series.Count * labels.Count * 96);
        html.Append(CultureInfo.InvariantCulture, $"<svg class=\"mud-chart-{(kind == ChartKind.Bar ? "bar" : "line")} mud-ltr\" width=\"100%\" height=\"{Encode(height)}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{Encode(description)}\">");

        html.Append("<g class=\"mud-charts-grid\"><g class=\"mud-charts-gridlines-yaxis\">");
        foreach (var value in ticks)
        {
            html.Append(CultureInfo.InvariantCulture, $"<path stroke=\"#e0e0e0\" stroke-width=\"0.3\" d=\"M {Left} {Y(value, max)} L {Right} {Y(value, max)}\"></path>");
        }

        html.Append("</g></g><g class=\"mud-charts-yaxis\">");
        foreach (var value in ticks)
        {
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 8}\" y=\"{Y(value, max) + FontSize / 3}\" font-size=\"{FontSize}px\" text-anchor=\"end\">{Number(value)}</text>");
        }

        html.Append("</g><g class=\"mud-charts-xaxis\">");
        for (var i = 0; i < labels.Count; i++)
        {
            if (i % Math.Max(1, axisEvery) == 0)
            {
                html.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(i, slot)}\" y=\"{Height - 8}\" font-size=\"{FontSize}px\" text-anchor=\"middle\">{Encode(labels[i])}</text>");
            }
        }

        html.Append("</g>");
        if (kind == ChartKind.Bar)
        {
            Bars(html, series, labels, max, slot);
        }
        else
        {
            Lines(html, series, labels, max, slot);
        }

        html.Append("</svg><div class=\"mud-chart-legend\">");
        for (var s = 0; s < series.Count; s++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"mud-chart-legend-item pa-1\"><span class=\"mud-chart-legend-marker\" style=\"background-color:{Color(s)}\"></span> <span class=\"mud-typography mud-typography-body2\">{Encode(series[s].Name)}</span></div>");
        }

        return html.Append("</div>").ToString();
    }

    /// <summary>Each label's bars side by side, centred in its slot, at most 80 % of it wide.</summary>
    private static void Bars(StringBuilder html, IReadOnlyList<ChartSeries> series, IReadOnlyList<string> labels, double max, double slot)
    {
        var bar = Math.Min(24, slot * 0.8 / Math.Max(1, series.Count));
        for (var s = 0; s < series.Count; s++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<g class=\"mud-chart-serie\" fill=\"{Color(s)}\">");
            for (var i = 0; i < labels.Count; i++)
            {
                var value = Value(series[s], i);
                var x = Centre(i, slot) - bar * series.Count / 2 + bar * s;
                var y = Y(value, max);
                html.Append(CultureInfo.InvariantCulture,
                    $"<rect class=\"mud-chart-bar\" x=\"{Round(x)}\" y=\"{y}\" width=\"{Round(bar * 0.9)}\" height=\"{Round(Bottom - y)}\"><title>{Title(series[s], labels, i)}</title></rect>");
            }

            html.Append("</g>");
        }
    }

    /// <summary>A line through each series' values, with a point (and its title) at each label.</summary>
    private static void Lines(StringBuilder html, IReadOnlyList<ChartSeries> series, IReadOnlyList<string> labels, double max, double slot)
    {
        for (var s = 0; s < series.Count; s++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<g class=\"mud-chart-serie\"><path class=\"mud-chart-line\" fill=\"none\" stroke=\"{Color(s)}\" stroke-width=\"3\" d=\"");
            var points = Enumerable.Range(0, labels.Count).Select(i => (X: X(i, slot), Y: Y(Value(series[s], i), max))).ToList();
            for (var i = 0; i < points.Count; i++)
            {
                html.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "M" : " L")} {points[i].X} {points[i].Y}");
            }

            html.Append("\"></path>");
            for (var i = 0; i < points.Count; i++)
            {
                html.Append(CultureInfo.InvariantCulture,
                    $"<circle cx=\"{points[i].X}\" cy=\"{points[i].Y}\" r=\"4\" fill=\"{Color(s)}\"><title>{Title(series[s], labels, i)}</title></circle>");
            }

            html.Append("</g>");
        }
    }

    /// <summary>The axis' top: the smallest of 1, 2, 2.5, 5 × 10ⁿ at or above the largest value (1 for an empty chart).</summary>
    public static double NiceMax(double largest)
    {
        if (!(largest > 0) || double.IsInfinity(largest))
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(largest)));
        return new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * magnitude).First(top => top >= largest - magnitude * 1e-9);
    }

    /// <summary>How many steps the axis has: 4, or 5 when 4 would not give round steps (2.5 of 10, 1 of 5 …).</summary>
    private static int GridLines(double max)
    {
        var lead = max / Math.Pow(10, Math.Floor(Math.Log10(max)));
        return lead is 1 or 2 ? 4 : 5;
    }

    private static double Value(ChartSeries series, int i) => i < series.Values.Count && double.IsFinite(series.Values[i]) ? Math.Max(0, series.Values[i]) : 0;

    private static string Title(ChartSeries series, IReadOnlyList<string> labels, int i) =>
        Encode($"{series.Name}, {labels[i]}: {Number(Value(series, i))}");

    /// <summary>The middle of label <paramref name="i"/>'s slot.</summary>
    private static double Centre(int i, double slot) => Left + slot * (i + 0.5);

    private static double X(int i, double slot) => Round(Centre(i, slot));

    private static double Y(double value, double max) => Round(Bottom - (Bottom - Top) * Math.Min(value, max) / max);

    private static double Round(double value) => Math.Round(value, 2);

    private static string Number(double value) => value.ToString(value == Math.Floor(value) ? "0" : "0.##", CultureInfo.InvariantCulture);

    private static string Color(int series) => Palette[series % Palette.Count];

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
