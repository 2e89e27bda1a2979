using Preau.Web.Modules.Files.Contracts;

namespace Preau.Web.Modules.Files;

/// <summary><c>Preau:Files</c> in the configuration.</summary>
public sealed class FilesOptions
{
    /// <summary>Largest accepted upload, in bytes (10 Mio by default).</summary>
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Folder of the content; default <c>&lt;data&gt;/files</c>.</summary>
    public string? Path { get; set; }

    public QuotaOptions Quotas { get; set; } = new();

    public sealed class QuotaOptions
    {
        public long Person { get; set; } = 200L * 1024 * 1024;
        public long Class { get; set; } = 1024L * 1024 * 1024;
        public long School { get; set; } = 5L * 1024 * 1024 * 1024;
        public long Group { get; set; } = 500L * 1024 * 1024;

        public long For(QuotaScopeType type) => type switch
        {
            QuotaScopeType.Person => Person,
            QuotaScopeType.Class => Class,
            QuotaScopeType.School => School,
            _ => Group,
        };
    }
}
