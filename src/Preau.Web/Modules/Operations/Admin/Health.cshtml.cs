using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Operations.Backups;
using Preau.Web.Modules.Operations.Health;
using Preau.Web.Modules.Operations.Metrics;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Operations.Admin;

/// <summary>/admin/sante: database, migrations, background queues, last backup, version and uptime.</summary>
[Authorize(Policy = Policies.Operators)]
public sealed class HealthModel(PreauDbContext db, QueueStats queues, BackupJournal journal, Uptime uptime, TimeProvider time) : PageModel
{
    public HealthEndpoints.DatabaseProbe Database { get; private set; } = new(false, TimeSpan.Zero);
    public int AppliedMigrations { get; private set; }
    public IReadOnlyList<string> PendingMigrations { get; private set; } = [];
    public QueueSnapshot? Queues { get; private set; }
    public BackupRecord? LastBackup { get; private set; }
    public BackupRecord? LastSuccessfulBackup { get; private set; }
    public string Version => BackupService.AppVersion;
    public TimeSpan Uptime { get; private set; }
    public string Provider => db.Database.IsNpgsql() ? "PostgreSQL" : "SQLite";

    public async Task OnGetAsync(CancellationToken ct)
    {
        Uptime = time.GetUtcNow().UtcDateTime - uptime.StartedAt;
        var records = journal.Read();
        LastBackup = records.FirstOrDefault();
        LastSuccessfulBackup = records.FirstOrDefault(r => r.Succeeded);
        Database = await HealthEndpoints.ProbeDatabaseAsync(db, ct);
        if (!Database.Reachable)
        {
            return;
        }
        var applied = (await db.Database.GetAppliedMigrationsAsync(ct)).ToHashSet();
        AppliedMigrations = applied.Count;
        PendingMigrations = db.Database.GetMigrations().Where(m => !applied.Contains(m)).ToList();
        Queues = queues.Get();
    }

    public static string Duration(TimeSpan d) =>
        d.TotalDays >= 1 ? $"{(int)d.TotalDays} j {d.Hours} h" : d.TotalHours >= 1 ? $"{(int)d.TotalHours} h {d.Minutes} min" : $"{(int)d.TotalMinutes} min {d.Seconds} s";
}
