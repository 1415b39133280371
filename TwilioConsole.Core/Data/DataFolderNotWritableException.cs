namespace TwilioConsole.Core.Data;

/// <summary>Thrown at start-up when the data folder cannot be created or written, with what to do about it.</summary>
public sealed class DataFolderNotWritableException(string folder, Exception inner) : Exception(
    $"The data folder '{folder}' cannot be written ({inner.Message}). " +
    "Give the app write access to it, or point TwilioConsole:Database:DataFolder " +
    "(environment variable TwilioConsole__Database__DataFolder) at a writable folder.", inner)
{
    public string Folder { get; } = folder;
}
