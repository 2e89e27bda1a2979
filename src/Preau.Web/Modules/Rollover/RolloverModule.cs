using System.Globalization;

namespace Preau.Web.Modules.Rollover;

internal static class RolloverModule
{
    public static void AddRollover(this WebApplicationBuilder builder) =>
        builder.Services.AddScoped<SchoolRollover>();

    /// <summary>
    /// <c>rollover --to 2027-2028 [--school UAI] [--dry-run]</c>: progress per school on the console, a summary at the end;
    /// exit code 2 on a bad label or UAI, 1 when a school failed.
    /// </summary>
    public static async Task<int> RunCommandAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter errors)
    {
        string? to = null, uai = null;
        var dryRun = false;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--to" when i + 1 < args.Length:
                    to = args[++i];
                    break;
                case "--school" when i + 1 < args.Length:
                    uai = args[++i];
                    break;
                case "--dry-run":
                    dryRun = true;
                    break;
                default:
                    await errors.WriteLineAsync($"Option inconnue : {args[i]}. Usage : rollover --to 2027-2028 [--school <UAI>] [--dry-run]");
                    return 2;
            }
        }
        if (to is null)
        {
            await errors.WriteLineAsync("Précisez l'année visée : rollover --to 2027-2028 [--school <UAI>] [--dry-run]");
            return 2;
        }
        using var scope = services.CreateScope();
        var rollover = scope.ServiceProvider.GetRequiredService<SchoolRollover>();
        SchoolRollover.Years years;
        try
        {
            years = await rollover.ResolveAsync(to);
        }
        catch (RolloverException ex)
        {
            await errors.WriteLineAsync(ex.Message);
            return 2;
        }
        Guid? schoolId = null;
        if (uai is not null)
        {
            schoolId = await rollover.FindSchoolByUaiAsync(uai);
            if (schoolId is null)
            {
                await errors.WriteLineAsync($"Aucune école ouverte n'a l'UAI « {uai} ».");
                return 2;
            }
        }
        var started = System.Diagnostics.Stopwatch.StartNew();
        if (dryRun)
        {
            var plans = await rollover.PreviewAsync(years, schoolId);
            foreach (var p in plans)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{p.Uai} {p.Name} : {(p.AlreadyApplied ? "déjà fait" : $"{p.Classes.Count} classes, {p.Moving} élèves passent, {p.Leaving} quittent l'école")}"));
            }
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Simulation {years.Source.Label} → {years.TargetLabel} : {plans.Count} écoles, {plans.Sum(p => p.Classes.Count)} classes, {plans.Sum(p => p.Moving)} élèves passent, {plans.Sum(p => p.Leaving)} quittent l'école. Rien n'a été enregistré."));
            return 0;
        }
        void Print(RolloverResult r) => output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Uai} {r.Name} : {Describe(r)}"));
        IReadOnlyList<RolloverResult> results;
        if (schoolId is { } id)
        {
            try
            {
                var one = await rollover.ApplySchoolAsync(years, id, null);
                Print(one);
                results = [one];
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await errors.WriteLineAsync($"Échec du passage : {ex.GetBaseException().Message}. Rien n'a été enregistré pour cette école.");
                return 1;
            }
        }
        else
        {
            results = await rollover.ApplyAllAsync(years, null, Print);
        }
        var failed = results.Where(r => r.Error is not null).ToList();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Passage {years.Source.Label} → {years.TargetLabel} en {started.Elapsed.TotalSeconds:0.0} s : {results.Count(r => r.Applied)} écoles passées, {results.Count(r => r.AlreadyApplied)} déjà faites, {failed.Count} en échec ; {results.Sum(r => r.ClassesCreated)} classes créées, {results.Sum(r => r.PupilsMoved)} élèves passés, {results.Sum(r => r.PupilsLeaving)} élèves quittent l'école."));
        await output.WriteLineAsync($"L'année {years.TargetLabel} devient l'année en cours quand un administrateur la marque comme telle (/admin/annees).");
        foreach (var f in failed)
        {
            await errors.WriteLineAsync($"Échec pour {f.Uai} {f.Name} : {f.Error}");
        }
        return failed.Count == 0 ? 0 : 1;
    }

    public static string Describe(RolloverResult r) =>
        r.Error is not null ? $"échec ({r.Error}), rien n'a été enregistré pour cette école"
        : r.AlreadyApplied ? "déjà fait, rien n'a changé"
        : string.Create(CultureInfo.InvariantCulture, $"{r.ClassesCreated} classes créées, {r.PupilsMoved} élèves passés, {r.PupilsLeaving} élèves quittent l'école");
}
