// Diagnostic settings: logs and metrics of the Function App, Service Bus, Key Vault and Storage go to the Log
// Analytics workspace, where the alert rules of alerts.bicep query them and operators investigate.

@description('Name of the Log Analytics workspace.')
param logAnalyticsName string

@description('Name of the Function App.')
param functionAppName string

@description('Name of the Service Bus namespace.')
param serviceBusNamespaceName string

@description('Name of the Key Vault.')
param keyVaultName string

@description('Name of the storage account.')
param storageAccountName string

var settingName = 'to-log-analytics'
var allMetrics = [
  {
    category: 'AllMetrics'
    enabled: true
  }
]
var allLogs = [
  {
    categoryGroup: 'allLogs'
    enabled: true
  }
]
// Storage metrics come per service, by category.
var storageMetrics = [
  {
    category: 'Transaction'
    enabled: true
  }
]

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: logAnalyticsName
}

resource app 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

resource serviceBus 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = {
  name: serviceBusNamespaceName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName

  resource tableService 'tableServices' existing = {
    name: 'default'
  }

  resource blobService 'blobServices' existing = {
    name: 'default'
  }
}

// FunctionAppLogs: every function's logs, unsampled (the webhook and Key Vault alerts read them).
resource appDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: settingName
  scope: app
  properties: {
    workspaceId: workspace.id
    logs: [
      {
        category: 'FunctionAppLogs'
        enabled: true
      }
    ]
    metrics: allMetrics
  }
}

resource serviceBusDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: settingName
  scope: serviceBus
  properties: {
    workspaceId: workspace.id
    logAnalyticsDestinationType: 'Dedicated'
    logs: allLogs
    metrics: allMetrics
  }
}

// AuditEvent (AzureDiagnostics): every secret read, including the app's Key Vault reference resolutions.
resource vaultDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: settingName
  scope: vault
  properties: {
    workspaceId: workspace.id
    logs: [
      {
        categoryGroup: 'audit'
        enabled: true
      }
    ]
    metrics: allMetrics
  }
}

resource storageDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: settingName
  scope: storage
  properties: {
    workspaceId: workspace.id
    metrics: storageMetrics
  }
}

resource tableDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: settingName
  scope: storage::tableService
  properties: {
    workspaceId: workspace.id
    logs: allLogs
    metrics: storageMetrics
  }
}

resource blobDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: settingName
  scope: storage::blobService
  properties: {
    workspaceId: workspace.id
    logs: allLogs
    metrics: storageMetrics
  }
}
