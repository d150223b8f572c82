// Storage account for the Functions host (AzureWebJobsStorage), the deployment package container of the
// Flex Consumption plan and the application's tables. Entra ID only: shared keys are disabled.

@description('Location of the account.')
param location string

@description('Tags applied to the account.')
param tags object

@description('Name of the storage account (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Blob container that receives the deployment package (Flex Consumption).')
param deploymentContainerName string

@description('Tables to create up front (the app also creates its tables on first use).')
param tableNames array = []

@description('Redundancy (SKU name), e.g. Standard_ZRS.')
param skuName string

@description('Put a CanNotDelete lock on the account: subscribers and publications live here.')
param lock bool

@description('Reachable through private endpoints only (network.bicep).')
param privateOnly bool = false

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: privateOnly ? 'Disabled' : 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: privateOnly ? 'Deny' : 'Allow'
    }
    encryption: {
      keySource: 'Microsoft.Storage'
      services: {
        blob: {
          enabled: true
        }
        table: {
          enabled: true
        }
      }
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2024-01-01' = {
  parent: storage
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2024-01-01' = {
  parent: storage
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2024-01-01' = [
  for tableName in tableNames: {
    parent: tableService
    name: tableName
  }
]

resource deleteLock 'Microsoft.Authorization/locks@2020-05-01' = if (lock) {
  name: 'do-not-delete'
  scope: storage
  properties: {
    level: 'CanNotDelete'
    notes: 'Holds the subscribers and publications. Remove this lock (resourceLocks=false) before deleting on purpose.'
  }
}

output id string = storage.id
output name string = storage.name
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output tableEndpoint string = storage.properties.primaryEndpoints.table
output deploymentContainerName string = deploymentContainer.name
