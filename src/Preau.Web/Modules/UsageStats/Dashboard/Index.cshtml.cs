using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Preau.Web.Modules.UsageStats.Data;

namespace Preau.Web.Modules.UsageStats.Dashboard;

/// <summary>
/// /statistiques/{niveau}/{id}: the usage dashboard of a territory, circonscription, collectivité or school for a
/// period (default: the last 30 days before today), its tables as CSV and the steering-committee PDF.
/// </summary>
[Authorize(Policy = UsageStatsModule.Policy)]
public sealed class IndexModel(UsageScopes scopes, UsageReport report, TimeProvider time) : PageModel
{
    public UsageReportData Report { get; private set; } = null!;
    public IReadOnlyList<UsageScope> Reachable { get; private set; } = [];
    [BindProperty(SupportsGet = true, Name = "du")] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "au")] public DateOnly? To { get; set; }
    public string? PeriodError { get; private set; }

    public string Query(string? handler = null, string? table = null) =>
        $"{Report.Scope.Url}?du={Report.From:yyyy-MM-dd}&au={Report.To:yyyy-MM-dd}"
        + (handler is null ? "" : $"&handler={handler}") + (table is null ? "" : $"&table={table}");

    public async Task<IActionResult> OnGetAsync(string? niveau, Guid? id, CancellationToken ct)
    {
        var scope = await ResolveAsync(niveau, id, ct);
        if (scope is null)
        {
            return NotFound();
        }
        if (niveau is null)
        {
            // One address per scope: "/statistiques" leads to the person's first one.
            return Redirect(scope.Url);
        }
        var (from, to) = Period();
        Report = await report.BuildAsync(scope, from, to, ct);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(string? niveau, Guid? id, string? table, CancellationToken ct)
    {
        var scope = niveau is null ? null : await ResolveAsync(niveau, id, ct);
        if (scope is null || table is null || !UsageCsv.Tables.Contains(table))
        {
            return NotFound();
        }
        var (from, to) = Period();
        var data = await report.BuildAsync(scope, from, to, ct);
        return File(UsageCsv.Write(data, table)!, "text/csv; charset=utf-8", $"statistiques-{table}-{from:yyyy-MM-dd}-{to:yyyy-MM-dd}.csv");
    }

    public async Task<IActionResult> OnGetRapportAsync(string? niveau, Guid? id, CancellationToken ct)
    {
        var scope = niveau is null ? null : await ResolveAsync(niveau, id, ct);
        if (scope is null)
        {
            return NotFound();
        }
        var (from, to) = Period();
        var data = await report.BuildAsync(scope, from, to, ct);
        var pdf = SteeringReportPdf.Render(data, Platform.Time.ParisDate.ToParis(time.GetUtcNow().UtcDateTime));
        return File(pdf, "application/pdf", $"comite-de-pilotage-{from:yyyy-MM-dd}-{to:yyyy-MM-dd}.pdf");
    }

    private DateOnly Yesterday => Platform.Time.ParisDate.Today(time).AddDays(-1);

    /// <summary>The period asked for, within 400 days; an impossible one falls back to the last 30 days, said on the page.</summary>
    private (DateOnly From, DateOnly To) Period()
    {
        var to = To ?? Yesterday;
        var from = From ?? to.AddDays(-29);
        if (from > to || to.DayNumber - from.DayNumber >= UsageReport.MaxDays)
        {
            PeriodError = "La période demandée n'est pas valable (début après la fin, ou plus de 400 jours) : voici les 30 derniers jours.";
            to = Yesterday;
            from = to.AddDays(-29);
        }
        return (from, to);
    }

    private async Task<UsageScope?> ResolveAsync(string? niveau, Guid? id, CancellationToken ct)
    {
        Reachable = await scopes.ReachableAsync(ct);
        if (niveau is null)
        {
            return Reachable.FirstOrDefault();
        }
        var level = UsageScope.LevelOf(niveau);
        if (level is null || (level != UsageLevel.Territory && id is null))
        {
            return null;
        }
        return await scopes.FindAsync(level.Value, id ?? Guid.Empty, ct);
    }

    public static string Day(DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
