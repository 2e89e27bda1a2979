using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Preau.Web.Modules.Agenda.Data;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.Agenda.Holidays;

/// <summary>The département's holiday zone and the school holiday periods shown in every agenda.</summary>
[Authorize(Policy = Policies.TerritoryAdmin)]
public sealed class AdminModel(HolidayStore store, AgendaQueries queries) : PageModel
{
    public string Zone { get; private set; } = "A";
    internal IReadOnlyList<HolidayPeriod> Periods { get; private set; } = [];
    public List<string> Errors { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostZoneAsync(string zone, CancellationToken ct)
    {
        if (!HolidayStore.Zones.Contains(zone))
        {
            Errors.Add("Choisissez la zone A, B ou C.");
            await LoadAsync(ct);
            return Page();
        }
        await store.SetZoneAsync(zone, ct);
        Notice = "La zone de vacances est enregistrée.";
        return Redirect("/admin/vacances");
    }

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, string? icsZone, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            Errors.Add("Choisissez un fichier .csv ou .ics.");
        }
        else if (file.Length > HolidayStore.MaxBytes)
        {
            Errors.Add("Le fichier dépasse 512 Ko : ce n'est sans doute pas un calendrier de vacances.");
        }
        else
        {
            string text;
            using (var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8))
            {
                text = await reader.ReadToEndAsync(ct);
            }
            var isIcs = file.FileName.EndsWith(".ics", StringComparison.OrdinalIgnoreCase) || text.TrimStart().StartsWith("BEGIN:VCALENDAR", StringComparison.Ordinal);
            var zone = HolidayStore.Zones.Contains(icsZone) ? icsZone! : await queries.ZoneAsync(ct);
            var (periods, errors) = isIcs ? HolidayStore.ParseIcs(text, zone) : HolidayStore.ParseCsv(text);
            if (errors.Count == 0)
            {
                await store.ReplaceAsync(periods, isIcs ? zone : null, ct);
                Notice = $"{periods.Count} périodes de vacances enregistrées ; elles remplacent les précédentes.";
                return Redirect("/admin/vacances");
            }
            Errors.AddRange(errors.Take(20));
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostShippedAsync(CancellationToken ct)
    {
        var (periods, _) = HolidayStore.ParseCsv(HolidayStore.ShippedCsv());
        await store.ReplaceAsync(periods, null, ct);
        Notice = "Le calendrier fourni avec Préau est rechargé.";
        return Redirect("/admin/vacances");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        (Zone, Periods) = await queries.HolidayCalendarAsync(ct);
    }
}
