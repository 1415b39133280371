using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.RenderTree;

// The render tree's frames are public but flagged as the framework's own (BL0006): their shape has not changed since
// .NET Core 3.0, and RowMarkupTests compare what this writes with what Blazor draws, so a change shows up there (ADR 16).
#pragma warning disable BL0006

namespace TwilioConsole.Web.Components.Shared.LogTables;

/// <summary>
/// Writes what a row template draws as one piece of HTML, so a log table keeps each row as a single markup frame
/// instead of its 30–60 element, attribute and text frames (ADR 16): a full page then fits a small render tree rather
/// than a 2,048-frame one, held twice for as long as the page is open. Only plain markup can be written so: a row with
/// a click handler, an element reference or a component is drawn as it is.
/// </summary>
public sealed class RowMarkup : IDisposable
{
    private static readonly HashSet<string> VoidElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    };

    private readonly RenderTreeBuilder _scratch = new();
    private readonly StringBuilder _html = new();

    /// <summary>The HTML <paramref name="fragment"/> draws, or null when it holds anything besides plain markup.</summary>
    public string? Write(RenderFragment fragment)
    {
        _scratch.Clear();
        _html.Clear();
        fragment(_scratch);
        var frames = _scratch.GetFrames();
        var html = TryWrite(frames.Array, 0, frames.Count) ? _html.ToString() : null;
        _scratch.Clear(); // lets go of what the row referenced
        if (_html.Capacity > 16 * 1024)
        {
            _html.Capacity = 16 * 1024; // one very long row does not keep its buffer
        }

        return html;
    }

    private bool TryWrite(RenderTreeFrame[] frames, int start, int end)
    {
        for (var i = start; i < end;)
        {
            ref var frame = ref frames[i];
            switch (frame.FrameType)
            {
                case RenderTreeFrameType.Text:
                    AppendEscaped(frame.TextContent, attribute: false);
                    i++;
                    break;
                case RenderTreeFrameType.Markup:
                    _html.Append(frame.MarkupContent);
                    i++;
                    break;
                case RenderTreeFrameType.Region:
                    if (!TryWrite(frames, i + 1, i + frame.RegionSubtreeLength))
                    {
                        return false;
                    }

                    i += frame.RegionSubtreeLength;
                    break;
                case RenderTreeFrameType.Element:
                    if (!TryWriteElement(frames, i))
                    {
                        return false;
                    }

                    i += frame.ElementSubtreeLength;
                    break;
                default:
                    return false; // a component, an element or component reference, a named event
            }
        }

        return true;
    }

    private bool TryWriteElement(RenderTreeFrame[] frames, int at)
    {
        var name = frames[at].ElementName;
        var end = at + frames[at].ElementSubtreeLength;
        _html.Append('<').Append(name);
        var child = at + 1;
        for (; child < end && frames[child].FrameType == RenderTreeFrameType.Attribute; child++)
        {
            ref var attribute = ref frames[child];
            if (attribute.AttributeName is "value" or "checked")
            {
                return false; // Blazor sets these as properties of inputs, not as attributes
            }

            switch (attribute.AttributeValue)
            {
                case string value:
                    _html.Append(' ').Append(attribute.AttributeName).Append("=\"");
                    AppendEscaped(value, attribute: true);
                    _html.Append('"');
                    break;
                case true:
                    _html.Append(' ').Append(attribute.AttributeName);
                    break;
                default:
                    return false; // an event handler (a delegate or EventCallback)
            }
        }

        _html.Append('>');
        if (VoidElements.Contains(name))
        {
            return child == end;
        }

        if (!TryWrite(frames, child, end))
        {
            return false;
        }

        _html.Append("</").Append(name).Append('>');
        return true;
    }

    private void AppendEscaped(string text, bool attribute)
    {
        var from = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var entity = text[i] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' when attribute => "&quot;",
                _ => null,
            };
            if (entity is not null)
            {
                _html.Append(text, from, i - from).Append(entity);
                from = i + 1;
            }
        }

        _html.Append(text, from, text.Length - from);
    }

    public void Dispose() => _scratch.Dispose();
}
