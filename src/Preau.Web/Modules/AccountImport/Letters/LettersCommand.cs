using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Territory;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.AccountImport.Letters;

/// <summary>
/// <c>letters --school &lt;UAI&gt; [--class &lt;id&gt;] [--all] --out &lt;file.pdf&gt;</c>: the login letters of a school or
/// one of its classes, written to a file. Checks everything (school, class, output path) before changing any
/// password; on a problem, says so in French on stderr, writes nothing and returns a non-zero code.
/// </summary>
public static class LettersCommand
{
    public const string Usage = "Usage : letters --school <UAI> [--class <id>] [--all] --out <fichier.pdf>";
    public const string DefaultPublicUrl = "http://localhost:5080";

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter error, CancellationToken ct = default)
    {
        string? uai = null, classArg = null, output = null;
        var includeUsed = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--school" when i + 1 < args.Count:
                    uai = args[++i];
                    break;
                case "--class" when i + 1 < args.Count:
                    classArg = args[++i];
                    break;
                case "--out" when i + 1 < args.Count:
                    output = args[++i];
                    break;
                case "--all":
                    includeUsed = true;
                    break;
                default:
                    await error.WriteLineAsync($"Option inconnue ou incomplète : {args[i]}\n{Usage}");
                    return 2;
            }
        }
        if (string.IsNullOrWhiteSpace(uai) || string.IsNullOrWhiteSpace(output))
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        var path = Path.GetFullPath(output);
        var folder = Path.GetDirectoryName(path);
        if (Directory.Exists(path) || folder is null || !Directory.Exists(folder))
        {
            await error.WriteLineAsync(Directory.Exists(path)
                ? $"« {output} » est un dossier : indiquez un nom de fichier, par exemple lettres.pdf."
                : $"Le dossier de « {output} » n'existe pas : rien n'a été écrit.");
            return 1;
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PreauDbContext>();
        var code = Uai.Normalize(uai);
        var school = await db.Schools.AsNoTracking().Where(s => s.Uai == code).Select(s => new { s.Id, s.Name }).FirstOrDefaultAsync(ct);
        if (school is null)
        {
            await error.WriteLineAsync($"Aucune école n'a l'UAI « {uai} » : rien n'a été écrit.");
            return 1;
        }
        Guid? classId = null;
        if (classArg is not null)
        {
            if (!Guid.TryParse(classArg, out var parsed)
                || !await db.Classes.AsNoTracking().AnyAsync(c => c.Id == parsed && c.SchoolId == school.Id, ct))
            {
                await error.WriteLineAsync($"La classe « {classArg} » n'existe pas dans l'école {school.Name} ({code}) : rien n'a été écrit.");
                return 1;
            }
            classId = parsed;
        }

        var letters = scope.ServiceProvider.GetRequiredService<LoginLetters>();
        var selection = classId is { } c
            ? await letters.ForClassAsync(c, includeUsed, ct)
            : await letters.ForSchoolAsync(school.Id, includeUsed, ct);
        if (selection is null || selection.Recipients.Count == 0)
        {
            await error.WriteLineAsync(selection?.UsedLeftOut > 0
                ? $"Aucune lettre à imprimer : les {selection.UsedLeftOut} comptes ont déjà été utilisés (ajoutez --all pour les réimprimer). Rien n'a été écrit."
                : "Aucune lettre à imprimer : aucun élève ni responsable avec un compte. Rien n'a été écrit.");
            return 1;
        }
        await error.WriteLineAsync($"{selection.Title} : {selection.Recipients.Count} lettres ({selection.UsedLeftOut} comptes déjà utilisés non inclus).");

        // Open the output before any password changes, so that an unwritable path changes nothing.
        var temporary = path + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        FileStream file;
        try
        {
            file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"Impossible d'écrire « {output} » ({e.Message}) : rien n'a été écrit.");
            return 1;
        }
        try
        {
            await using (file)
            {
                var configured = scope.ServiceProvider.GetRequiredService<IConfiguration>();
                var loginUrl = LoginLetters.LoginUrl(configured, DefaultPublicUrl);
                var pdf = await letters.PrintAsync(selection, loginUrl, null, classId is null ? "School" : "Class", classId ?? school.Id,
                    message => error.WriteLine($"[{clock.Elapsed.TotalSeconds:0.0} s] {message}"), ct);
                await file.WriteAsync(pdf, ct);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
        await error.WriteLineAsync($"[{clock.Elapsed.TotalSeconds:0.0} s] Lettres écrites dans {path}. Les anciens mots de passe de ces comptes ne fonctionnent plus.");
        return 0;
    }
}
