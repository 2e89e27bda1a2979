namespace Preau.Web.Modules.Operations.Backups;

/// <summary><c>backup [--out fichier.tar.gz]</c> and <c>restore --from fichier.tar.gz</c>.</summary>
internal static class BackupCommands
{
    public static async Task<int> BackupAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        var outPath = Option(args, "--out");
        try
        {
            if (outPath is null)
            {
                // Into the backups folder, recorded in the journal that /admin/sauvegardes shows.
                var record = await services.GetRequiredService<BackupRunner>().RunAsync(Triggers.Command, CancellationToken.None);
                if (!record.Succeeded)
                {
                    await error.WriteLineAsync("Sauvegarde échouée : " + record.Error);
                    return 1;
                }
                await output.WriteLineAsync($"Sauvegarde écrite : {Path.Combine(services.GetRequiredService<BackupJournal>().Folder, record.File!)} ({record.Size} octets, {record.FileCount} fichiers).");
                return 0;
            }
            using var scope = services.CreateScope();
            var result = await scope.ServiceProvider.GetRequiredService<BackupService>().CreateAsync(outPath, step => output.WriteLine(step));
            await output.WriteLineAsync($"Sauvegarde écrite : {result.Path} ({result.Size} octets, {result.FileCount} fichiers, {result.Duration.TotalSeconds:0.0} s).");
            return 0;
        }
        catch (BackupException ex)
        {
            await error.WriteLineAsync("Sauvegarde impossible : " + ex.Message);
            return 1;
        }
    }

    public static async Task<int> RestoreAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        var from = Option(args, "--from");
        if (from is null)
        {
            await error.WriteLineAsync("Usage : restore --from <archive.tar.gz> (dans une installation neuve : base sans table, dossier de fichiers vide).");
            return 2;
        }
        try
        {
            using var scope = services.CreateScope();
            var manifest = await scope.ServiceProvider.GetRequiredService<BackupService>().RestoreAsync(from, step => output.WriteLine(step));
            await output.WriteLineAsync($"Restauration terminée : sauvegarde du {manifest.CreatedAt:yyyy-MM-dd HH:mm} UTC, {manifest.FileCount} fichiers. Lancez « migrate » si cette version de Préau est plus récente que la sauvegarde.");
            return 0;
        }
        catch (BackupException ex)
        {
            await error.WriteLineAsync("Restauration refusée : " + ex.Message);
            return 1;
        }
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
