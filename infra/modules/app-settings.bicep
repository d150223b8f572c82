// The Function App's application settings, written in one place (a sites/config 'appsettings' resource
// replaces the whole set). Secrets are Key Vault references, never values.

@description('Name of the Function App.')
param functionAppName string

@description('Setting name to value.')
param settings object

resource app 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'appsettings'
  properties: settings
}
