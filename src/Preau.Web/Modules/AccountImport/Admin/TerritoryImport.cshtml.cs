using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.AccountImport.Onde;
using Preau.Web.Modules.Territory;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.AccountImport.Admin;

/// <summary>
/// The administrator's ONDE import for many schools at once: the files are named after their school's UAI
/// (e.g. 0700123A-eleves.csv and 0700123A-responsables.csv); each pair is previewed, then all are applied in
/// the background, one transaction per school, with a progress bar.
/// </summary>
[Authorize(Policy = Policies.TerritoryAdmin)]
[RequestSizeLimit(500_000_000)]
[RequestFormLimits(MultipartBodyLengthLimit = 500_000_000, ValueCountLimit = 2048)]
public sealed partial class TerritoryImportModel(PreauDbContext db, AccessContext context, OndeImport import, ImportJobs jobs) : PageModel
{
    public sealed record Row(string Uai, string? School, ImportReport? Preview, string? Problem);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public ImportJob? Job { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? job)
    {
        if (job is { } id)
        {
            Job = jobs.Find(id, (await context.GetAsync()).PersonId);
            if (Job is null)
            {
                return NotFound();
            }
            // Refresh while the job runs (a meta refresh: no script needed for the progress bar).
            if (!Job.Finished)
            {
                Response.Headers["Refresh"] = "2";
            }
        }
        return Page();
    }

    /// <summary>Previews every pair, then applies the usable ones in the background.</summary>
    public async Task<IActionResult> OnPostAsync(List<IFormFile> files, bool apply, CancellationToken ct)
    {
        var pairs = new Dictionary<string, (IFormFile? Pupils, IFormFile? Guardians)>();
        var rows = new List<Row>();
        foreach (var file in files)
        {
            var name = Onde.OndeText.HeaderKey(Path.GetFileNameWithoutExtension(file.FileName));
            var uai = UaiIn().Match(file.FileName.ToUpperInvariant()).Value;
            if (uai.Length == 0 || !Uai.IsValid(uai))
            {
                rows.Add(new Row(file.FileName, null, null, "le nom du fichier doit commencer par le code UAI de l'école (ex. 0700123A-eleves.csv)."));
                continue;
            }
            var pair = pairs.GetValueOrDefault(uai);
            if (name.Contains("eleve", StringComparison.Ordinal))
            {
                pair.Pupils = file;
            }
            else if (name.Contains("respons", StringComparison.Ordinal))
            {
                pair.Guardians = file;
            }
            else
            {
                rows.Add(new Row(file.FileName, null, null, "le nom du fichier doit contenir « eleves » ou « responsables »."));
                continue;
            }
            pairs[uai] = pair;
        }
        if (pairs.Count == 0 && rows.Count == 0)
        {
            ModelState.AddModelError("files", "Choisissez les fichiers des écoles (deux par école).");
            return Page();
        }
        var uais = pairs.Keys.ToList();
        var schools = await db.Schools.AsNoTracking().Where(s => uais.Contains(s.Uai)).ToDictionaryAsync(s => s.Uai, ct);
        var ready = new List<(Guid, string, string, byte[], byte[])>();
        foreach (var (uai, pair) in pairs.OrderBy(p => p.Key))
        {
            if (!schools.TryGetValue(uai, out var school))
            {
                rows.Add(new Row(uai, null, null, "aucune école n'a ce code UAI dans le département."));
                continue;
            }
            if (pair.Pupils is null || pair.Guardians is null)
            {
                rows.Add(new Row(uai, school.Name, null, pair.Pupils is null ? "fichier des élèves manquant." : "fichier des responsables manquant."));
                continue;
            }
            var pupils = await ReadAsync(pair.Pupils, ct);
            var guardians = await ReadAsync(pair.Guardians, ct);
            var preview = await import.RunAsync(school.Id, new MemoryStream(pupils), new MemoryStream(guardians), apply: false, actorId: null, ct);
            rows.Add(new Row(uai, school.Name, preview, preview.Unusable ? "fichiers inutilisables." : null));
            if (!preview.Unusable)
            {
                ready.Add((school.Id, uai, school.Name, pupils, guardians));
            }
        }
        Rows = rows;
        if (apply && ready.Count > 0)
        {
            var job = jobs.Start((await context.GetAsync(ct)).PersonId, ready);
            return Redirect($"/admin/import?job={job.Id}");
        }
        return Page();
    }

    private static async Task<byte[]> ReadAsync(IFormFile file, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    [GeneratedRegex("^[0-9]{7}[A-Z]")]
    private static partial Regex UaiIn();
}
