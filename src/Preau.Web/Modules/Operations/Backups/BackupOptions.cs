namespace Preau.Web.Modules.Operations.Backups;

/// <summary><c>Preau:Backups</c> in the configuration.</summary>
public sealed class BackupOptions
{
    /// <summary>Take a backup every day (after <see cref="Hour"/>) and prune old ones; off unless configured.</summary>
    public bool Scheduled { get; set; }

    /// <summary>Folder of the archives and of their journal; default <c>&lt;data&gt;/backups</c>.</summary>
    public string? Folder { get; set; }

    /// <summary>Hour (Europe/Paris) from which the day's backup is taken: night time, when schools are closed.</summary>
    public int Hour { get; set; } = 2;

    /// <summary>Every daily backup is kept this many days.</summary>
    public int RetentionDays { get; set; } = 14;

    /// <summary>One backup per week (the Sunday one, or the week's last) is kept this many weeks.</summary>
    public int RetentionWeeks { get; set; } = 8;

    /// <summary>Folder of <c>pg_dump</c> and <c>pg_restore</c> when they are not on the PATH.</summary>
    public string? PostgresBinPath { get; set; }
}
