namespace TwilioConsole.Web.Components.Shared.Charts;

/// <summary>Bars side by side for each label, or a line through each label's value.</summary>
public enum ChartKind
{
    Bar,
    Line,
}

/// <summary>One named series: a value for each of the chart's labels (missing values count as 0).</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double> Values);
