using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Territory;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.AccountImport.Onde;

/// <summary>
/// `import onde --school &lt;UAI&gt; --pupils &lt;file&gt; --guardians &lt;file&gt; [--dry-run] [--json]` and
/// `schools list [--json]`: the administrators' and scripts' way in. Exit codes: 0 done, 2 bad input
/// (nothing written).
/// </summary>
internal static class OndeImportCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        var uai = Uai.Normalize(Option(args, "--school"));
        var pupilsPath = Option(args, "--pupils");
        var guardiansPath = Option(args, "--guardians");
        var dryRun = args.Contains("--dry-run");
        var json = args.Contains("--json");
        if (string.IsNullOrEmpty(uai) || pupilsPath is null || guardiansPath is null)
        {
            await error.WriteLineAsync("Usage : import onde --school <UAI> --pupils <fichier élèves> --guardians <fichier responsables> [--dry-run] [--json]");
            return 2;
        }
        if (!await FilesExistAsync(error, pupilsPath, guardiansPath))
        {
            return 2;
        }
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PreauDbContext>();
        var school = await FindSchoolAsync(db, uai, error, ct);
        if (school is null)
        {
            return 2;
        }
        await error.WriteLineAsync($"Lecture des fichiers ONDE de {school.Name} ({school.Uai})…");
        await using var pupils = File.OpenRead(pupilsPath);
        await using var guardians = File.OpenRead(guardiansPath);
        var import = scope.ServiceProvider.GetRequiredService<OndeImport>();
        var report = await import.RunAsync(school.Id, pupils, guardians, apply: false, actorId: null, ct);
        if (!report.Unusable && !dryRun)
        {
            await error.WriteLineAsync("Enregistrement en une seule transaction…");
            pupils.Position = 0;
            guardians.Position = 0;
            try
            {
                report = await import.RunAsync(school.Id, pupils, guardians, apply: true, actorId: null, ct, error.WriteLine);
            }
            catch (DbUpdateException)
            {
                await error.WriteLineAsync("L'enregistrement a échoué (la base a refusé une modification) : rien n'a été enregistré. Réessayez ; si l'erreur persiste, contactez le support.");
                return 1;
            }
        }
        if (json)
        {
            await output.WriteLineAsync(report.ToJson());
        }
        else
        {
            await output.WriteLineAsync($"Classes : {Describe(report.Classes)}");
            await output.WriteLineAsync($"Élèves : {Describe(report.Pupils)}");
            await output.WriteLineAsync($"Responsables : {Describe(report.Guardians)}");
            await output.WriteLineAsync($"Liens responsable-élève : {Describe(report.Links)}");
            foreach (var e in report.Errors)
            {
                await output.WriteLineAsync($"Fichier des {e.File}, ligne {e.Line} : {e.Message}");
            }
            await output.WriteLineAsync(dryRun ? "Simulation : rien n'a été enregistré." : report.Unusable ? "Rien n'a été enregistré." : "Import enregistré.");
        }
        if (report.Unusable)
        {
            await error.WriteLineAsync("Les fichiers ne peuvent pas être utilisés : rien n'a été enregistré.");
            return 2;
        }
        return 0;
    }

    /// <summary>`import staff --school &lt;UAI&gt; --file &lt;csv&gt; [--dry-run] [--json]`.</summary>
    public static async Task<int> RunStaffAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        var uai = Uai.Normalize(Option(args, "--school"));
        var path = Option(args, "--file");
        if (string.IsNullOrEmpty(uai) || path is null)
        {
            await error.WriteLineAsync("Usage : import staff --school <UAI> --file <fichier des personnels> [--dry-run] [--json]");
            return 2;
        }
        if (!await FilesExistAsync(error, path))
        {
            return 2;
        }
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PreauDbContext>();
        var school = await FindSchoolAsync(db, uai, error, ct);
        if (school is null)
        {
            return 2;
        }
        await using var file = File.OpenRead(path);
        var import = scope.ServiceProvider.GetRequiredService<Staff.StaffImport>();
        var report = await import.RunAsync(school.Id, file, apply: false, actorId: null, ct);
        if (!report.Unusable && !args.Contains("--dry-run"))
        {
            file.Position = 0;
            report = await import.RunAsync(school.Id, file, apply: true, actorId: null, ct);
        }
        if (args.Contains("--json"))
        {
            await output.WriteLineAsync(report.ToJson());
        }
        else
        {
            await output.WriteLineAsync($"Personnels : {Describe(report.Staff)}");
            await output.WriteLineAsync($"Rôles : {Describe(report.Roles)}");
            foreach (var e in report.Errors)
            {
                await output.WriteLineAsync($"Ligne {e.Line} : {e.Message}");
            }
        }
        if (report.Unusable)
        {
            await error.WriteLineAsync("Le fichier ne peut pas être utilisé : rien n'a été enregistré.");
            return 2;
        }
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static async Task<bool> FilesExistAsync(TextWriter error, params string[] paths)
    {
        foreach (var path in paths.Where(p => !File.Exists(p)))
        {
            await error.WriteLineAsync($"Fichier introuvable : {path}");
            return false;
        }
        return true;
    }

    private static async Task<Territory.Data.School?> FindSchoolAsync(PreauDbContext db, string uai, TextWriter error, CancellationToken ct)
    {
        var school = await db.Schools.AsNoTracking().FirstOrDefaultAsync(s => s.Uai == uai, ct);
        if (school is null)
        {
            await error.WriteLineAsync($"Aucune école n'a le code UAI {uai} dans ce département (voir « schools list »).");
        }
        return school;
    }

    private static string Describe(ImportCounts c) =>
        $"{c.Created} nouveaux, {c.Updated} modifiés, {c.Unchanged} inchangés, {c.Leaving} partants";

    public static async Task<int> ListSchoolsAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken ct = default)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PreauDbContext>();
        var schools = await (from s in db.Schools.AsNoTracking()
                             where !s.IsArchived
                             join l in db.LocalAuthorities on s.LocalAuthorityId equals l.Id
                             orderby s.Uai
                             select new { uai = s.Uai, name = s.Name, localAuthority = l.Name, city = s.City }).ToListAsync(ct);
        if (args.Contains("--json"))
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(schools, ImportReport.Json));
        }
        else
        {
            foreach (var s in schools)
            {
                await output.WriteLineAsync($"{s.uai}  {s.name} — {s.localAuthority}");
            }
        }
        return 0;
    }
}
