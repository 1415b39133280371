namespace TwilioConsole.Web.Components.Shared.LogTables;

/// <summary>Which page of a log a <see cref="LogTable{TItem}"/> asks for: zero-based, and how many rows a page holds.</summary>
public readonly record struct LogTableRequest(int Page, int PageSize);

/// <summary>One page of a log's rows and how many rows match in all.</summary>
public sealed record LogTablePage<TItem>(IReadOnlyList<TItem> Items, int Total);
