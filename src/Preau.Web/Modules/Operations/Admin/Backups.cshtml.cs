using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Preau.Web.Modules.Operations.Backups;
using Preau.Web.Modules.Shared;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.Operations.Admin;

/// <summary>/admin/sauvegardes: the last backups (date, size, duration, result) and « Sauvegarder maintenant ».</summary>
[Authorize(Policy = Policies.TerritoryAdmin)]
public sealed class BackupsModel(BackupJournal journal, BackupRunner runner, BackupOptions options) : PageModel
{
    private const int PageSize = 20;

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    [BindProperty(SupportsGet = true, Name = "lancee")]
    public bool Started { get; set; }

    [BindProperty(SupportsGet = true, Name = "occupee")]
    public bool Busy { get; set; }

    public Paged<BackupRecord> Result { get; private set; } = new([], 1, PageSize, 0);
    public BackupRunner.Progress? Running { get; private set; }
    public BackupOptions Options => options;
    public string Folder => journal.Folder;

    public void OnGet()
    {
        Running = runner.Current;
        // While a backup runs the page refreshes itself (an HTTP Refresh header, as the territory import's progress).
        if (Running is not null)
        {
            Response.Headers["Refresh"] = "2";
        }
        var records = journal.Read();
        var page = Math.Max(1, PageNumber);
        Result = new Paged<BackupRecord>(records.Skip((page - 1) * PageSize).Take(PageSize).ToList(), page, PageSize, records.Count);
    }

    public IActionResult OnPost() =>
        runner.TryStart(Triggers.Manual) ? RedirectToPage(new { lancee = true }) : RedirectToPage(new { occupee = true });

    public static string Size(long bytes) => bytes switch
    {
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} Kio",
        < 1024L * 1024 * 1024 => $"{bytes / (1024.0 * 1024):0.#} Mio",
        _ => $"{bytes / (1024.0 * 1024 * 1024):0.##} Gio",
    };
}
