namespace Preau.Web.Modules.Files.Contracts;

/// <summary>Sizes as people read them, for the pages of any module.</summary>
public static class FileText
{
    /// <summary>"2,4 Mo", "512 ko" in the current culture.</summary>
    public static string Size(long bytes) => bytes switch
    {
        >= 1024L * 1024 * 1024 => $"{bytes / (1024d * 1024 * 1024):0.#} Go",
        >= 1024 * 1024 => $"{bytes / (1024d * 1024):0.#} Mo",
        >= 1024 => $"{bytes / 1024d:0} ko",
        _ => $"{bytes} octets",
    };
}
