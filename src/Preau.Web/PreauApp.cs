using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.Razor;
using Preau.Web.Modules.AccountImport;
using Preau.Web.Modules.Agenda;
using Preau.Web.Modules.Albums;
using Preau.Web.Modules.Documents;
using Preau.Web.Modules.Accounts;
using Preau.Web.Modules.Blogs;
using Preau.Web.Modules.Communication;
using Preau.Web.Modules.Files;
using Preau.Web.Modules.Forums;
using Preau.Web.Modules.Helpdesk;
using Preau.Web.Modules.Home;
using Preau.Web.Modules.Homework;
using Preau.Web.Modules.Quizzes;
using Preau.Web.Modules.TownHallRequests;
using Preau.Web.Modules.LiaisonBook;
using Preau.Web.Modules.Notifications;
using Preau.Web.Modules.News;
using Preau.Web.Modules.Operations;
using Preau.Web.Modules.Messaging;
using Preau.Web.Modules.People;
using Preau.Web.Modules.Rollover;
using Preau.Web.Modules.Skills;
using Preau.Web.Modules.Subscriptions;
using Preau.Web.Modules.Training;
using Preau.Web.Modules.Territory;
using Preau.Web.Modules.UsageStats;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.Demo;
using Preau.Web.Platform.Errors;
using Preau.Web.Platform.Mail;
using Preau.Web.Platform.Scale;
using Preau.Web.Platform.Telemetry;
using Preau.Web.Platform.Web;

namespace Preau.Web;

/// <summary>Composition of the application: platform services, then each module's Add/Map.</summary>
internal static class PreauApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        // Logging:Console:FormatterName picks the format (json in appsettings.json: one object per line); the request's
        // scope carries RequestId (HttpContext.TraceIdentifier) so that every line of one request can be found together,
        // and RequestPath with any secret part masked (RequestLogScope).
        builder.Logging.AddConsole();
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.JsonConsoleFormatterOptions>(o => o.IncludeScopes = true);
        builder.AddRequestLogScope();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHttpContextAccessor();
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("Preau");
        builder.AddPreauScaleOut(dataProtection, Path.Combine(DataPaths.Root(builder.Configuration, builder.Environment), "keys"));
        builder.AddPreauProxyHeaders();
        builder.AddPreauDatabase();
        builder.Services.AddSingleton(builder.Configuration.GetSection("Preau:Mail").Get<MailOptions>() ?? new MailOptions());
        builder.Services.AddSingleton<IMailSender, MailSender>();
        builder.Services.AddSingleton<MailQueue>();
        builder.Services.AddSingleton<IMailQueue>(sp => sp.GetRequiredService<MailQueue>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MailQueue>());

        builder.Services.AddScoped<AccessContext>();
        builder.Services.AddSingleton<StampedCache>();
        builder.Services.AddScoped<ScopeAccess>();
        builder.Services.AddScoped<Platform.Audit.AuditTrail>();
        builder.Services.AddScoped<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, RoleRequirementHandler>();
        builder.Services.AddAuthorizationBuilder().AddPreauPolicies();

        // Accented French stays readable (and smaller) in the HTML instead of being turned into entities.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        builder.Services.AddSingleton<Microsoft.Extensions.Localization.IStringLocalizerFactory, Platform.Localization.CaseTolerantLocalizerFactory>();
        builder.Services.AddRazorPages(o =>
            {
                o.RootDirectory = "/Modules";
                o.Conventions.ConfigureFilter(new Microsoft.AspNetCore.Mvc.AutoValidateAntiforgeryTokenAttribute());
            })
            .AddViewLocalization(LanguageViewLocationExpanderFormat.Suffix)
            .AddMvcOptions(o =>
            {
                o.Filters.Add<PendingStepsFilter>();
                Platform.Localization.FrenchValidation.Configure(o);
            });
        builder.Services.AddScoped<PendingStepsFilter>();
        builder.Services.AddScoped<PendingStepsEndpointFilter>();
        builder.Services.AddRouting(o => o.LowercaseUrls = true);
        builder.Services.AddAntiforgery(o => o.Cookie.Name = "preau.af");
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<DatabaseUnavailableHandler>();
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        builder.Services.AddOpenApi("v1");

        builder.AddAccounts();
        builder.AddTerritory();
        builder.AddPeople();
        builder.AddHome();
        builder.AddAccountImport();
        builder.AddRollover();
        builder.AddCommunication();
        builder.AddFiles();
        builder.AddLiaisonBook();
        builder.AddHomework();
        builder.AddNotifications();
        builder.AddNews();
        builder.AddMessaging();
        builder.AddAgenda();
        builder.AddSkills();
        builder.AddAlbums();
        builder.AddBlogs();
        builder.AddDocuments();
        builder.AddForums();
        builder.AddQuizzes();
        builder.AddTownHallRequests();
        builder.AddHelpdesk();
        builder.AddOperations();
        builder.AddSubscriptions();
        builder.AddTraining();
        builder.AddUsageStats();
        builder.Services.AddScoped<DemoSeeder>();
        builder.Services.AddRequestAdmission();

        var app = builder.Build();

        app.UseRequestLogScope();
        app.UseForwardedHeaders();
        app.UseQueryTiming();
        app.UseExceptionHandler("/erreur");
        app.UseStatusCodePagesWithReExecute("/erreur/{0}");
        app.Use(SecurityHeaders.AddAsync);
        var cultures = new[] { new CultureInfo("fr-FR"), new CultureInfo("en") };
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture("fr-FR"),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
            // Only the person's explicit choice (the cookie) switches language, never the browser's header alone.
            RequestCultureProviders = [new CookieRequestCultureProvider()],
        });
        app.UseStaticFiles(Platform.Web.StaticAssets.Options());
        app.UseRequestAdmission();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseHelpdeskImpersonation();
        app.UseAuthorization();
        app.UseSubscriptions();
        app.UseUsageStats();
        app.UseHomeVisits();

        app.MapOperations();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapRazorPages();
        Platform.Bench.BaselineEndpoint.MapBenchBaseline(app);
        app.MapNotifications();
        app.MapFiles();
        app.MapAgenda();
        app.MapAlbums();
        app.MapBlogs();
        app.MapDocuments();
        var api = app.MapGroup("/api/v1").AddEndpointFilter<PendingStepsEndpointFilter>();
        app.MapAccountsApi(api);
        app.MapCommunicationApi(api);
        app.MapMessagingApi(api);
        return app;
    }

    public static async Task InitializeAsync(WebApplication app)
    {
        var options = app.Services.GetRequiredService<DatabaseOptions>();
        if (options.AutoMigrate)
        {
            await DatabaseSetup.MigrateAsync(app.Services);
        }
        if (app.Configuration.GetValue("Preau:Demo:SeedOnFirstStart", true))
        {
            using var scope = app.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync();
        }
    }

    /// <summary>Administrative subcommands of the same program; returns true when one ran.</summary>
    public static async Task<bool> RunCommandAsync(WebApplication app, string[] args)
    {
        var command = args.Length > 0 && !args[0].StartsWith('-') && !args[0].Contains('=') ? args[0] : null;
        switch (command)
        {
            case null:
                return false;
            case "migrate":
                await DatabaseSetup.MigrateAsync(app.Services);
                Console.WriteLine("Base de données à jour.");
                return true;
            case "seed" when args.Length > 1 && args[1] == "territory":
                await DatabaseSetup.MigrateAsync(app.Services);
                Environment.ExitCode = await Platform.Bench.TerritorySeed.RunAsync(app.Services, args, Console.Out);
                return true;
            case "seed":
                await DatabaseSetup.MigrateAsync(app.Services);
                using (var scope = app.Services.CreateScope())
                {
                    var seeded = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync();
                    Console.WriteLine(seeded ? "Département de démonstration créé." : "La base contient déjà des données : rien n'a été ajouté.");
                }
                return true;
            case "import" when args.Length > 1 && args[1] == "onde":
                await DatabaseSetup.MigrateIfConfiguredAsync(app.Services);
                Environment.ExitCode = await Modules.AccountImport.Onde.OndeImportCommand.RunAsync(app.Services, args, Console.Out, Console.Error);
                return true;
            case "import" when args.Length > 1 && args[1] == "staff":
                await DatabaseSetup.MigrateIfConfiguredAsync(app.Services);
                Environment.ExitCode = await Modules.AccountImport.Onde.OndeImportCommand.RunStaffAsync(app.Services, args, Console.Out, Console.Error);
                return true;
            case "bench" when args.Length > 1 && args[1] == "import":
                await DatabaseSetup.MigrateIfConfiguredAsync(app.Services);
                Environment.ExitCode = await Modules.AccountImport.Bench.ImportBench.RunAsync(app.Services, args, Console.Out);
                return true;
            case "bench" when args.Length > 1 && args[1] == "pages-seed":
                await DatabaseSetup.MigrateIfConfiguredAsync(app.Services);
                Environment.ExitCode = await Platform.Bench.PagesBenchSeed.RunAsync(app.Services, args, Console.Out, Console.Error);
                return true;
            case "bench" when args.Length > 1 && args[1] == "album":
                await DatabaseSetup.MigrateIfConfiguredAsync(app.Services);
                Environment.ExitCode = await Modules.Albums.Bench.AlbumBench.RunAsync(app.Services, args, Console.Out);
                return true;
            case "bench" when args.Length > 1 && args[1] == "documents":
                await DatabaseSetup.MigrateIfConfiguredAsync(app.Services);
                Environment.ExitCode = await Modules.Documents.Bench.DocumentBench.RunAsync(app.Services, args, Console.Out);
                return true;
            case "bench" when args.Length > 1 && args[1] == "usagestats":
                await DatabaseSetup.MigrateIfConfiguredAsync(app.Services);
                Environment.ExitCode = await Modules.UsageStats.Bench.UsageBench.RunAsync(app.Services, args, Console.Out);
                return true;
            case "schools" when args.Length > 1 && args[1] == "list":
                await DatabaseSetup.MigrateIfConfiguredAsync(app.Services);
                Environment.ExitCode = await Modules.AccountImport.Onde.OndeImportCommand.ListSchoolsAsync(app.Services, args, Console.Out);
                return true;
            case "rollover":
                Environment.ExitCode = await RolloverModule.RunCommandAsync(app.Services, args, Console.Out, Console.Error);
                return true;
            case "backup":
                Environment.ExitCode = await Modules.Operations.Backups.BackupCommands.BackupAsync(app.Services, args, Console.Out, Console.Error);
                return true;
            case "restore":
                // Never migrates first: the target must stay empty until the archive's schema is in place.
                Environment.ExitCode = await Modules.Operations.Backups.BackupCommands.RestoreAsync(app.Services, args, Console.Out, Console.Error);
                return true;
            case "letters":
                await DatabaseSetup.MigrateIfConfiguredAsync(app.Services);
                Environment.ExitCode = await Modules.AccountImport.Letters.LettersCommand.RunAsync(app.Services, args[1..], Console.Error);
                return true;
            default:
                Console.Error.WriteLine($"Commande inconnue : {command}. Commandes : migrate, backup, restore, seed, seed territory, import onde, import staff, schools list, letters, rollover, bench import, bench pages-seed, bench album, bench documents, bench usagestats.");
                Environment.ExitCode = 2;
                return true;
        }
    }
}
