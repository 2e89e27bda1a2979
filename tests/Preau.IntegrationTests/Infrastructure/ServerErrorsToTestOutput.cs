namespace Preau.IntegrationTests.Infrastructure;

/// <summary>
/// On a 5xx answer, writes the errors the application logged while the request ran to the current test's output: a
/// test that fails on an unexpected 500 then shows the exception instead of only the status code. Tests run in
/// parallel, so an error of another test's request may appear there too.
/// </summary>
internal sealed class ServerErrorsToTestOutput(LogSink logs) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var before = logs.Errors.Count;
        var response = await base.SendAsync(request, cancellationToken);
        if ((int)response.StatusCode >= 500 && TestContext.Current.TestOutputHelper is { } output)
        {
            output.WriteLine($"{(int)response.StatusCode} on {request.Method} {request.RequestUri?.PathAndQuery}; errors logged meanwhile:");
            foreach (var line in logs.Errors.Skip(before))
            {
                output.WriteLine(line);
            }
        }
        return response;
    }
}
