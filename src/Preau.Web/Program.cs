using Preau.Web;

var app = PreauApp.Build(args);
if (await PreauApp.RunCommandAsync(app, args))
{
    return Environment.ExitCode;
}
await PreauApp.InitializeAsync(app);
await app.RunAsync();
return 0;

/// <summary>Entry point type, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
