using HumanSecurityAlerts.DependencyInjection;
using HumanSecurityAlerts.Functions.Http;
using HumanSecurityAlerts.Functions.Telemetry;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseHttpEdge();
builder.Services.AddHumanSecurityAlerts(builder.Configuration);
builder.Services.AddTelemetryExport(builder.Configuration);
await builder.Build().RunAsync().ConfigureAwait(false);
