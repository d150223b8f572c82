// Key Vault (RBAC authorization, soft delete, purge protection) for the secrets the app reads through
// Key Vault references: the SMTP password, the admin key and the subscriptions encryption key (secrets are written by keyvault-secret.bicep).

@description('Location of the vault.')
param location string

@description('Tags applied to the vault.')
param tags object

@description('Name of the vault (3-24 characters).')
@minLength(3)
@maxLength(24)
param name string

@description('Days a deleted vault or secret can be recovered (7-90).')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int = 90

@description('Put a CanNotDelete lock on the vault.')
param lock bool

@description('Reachable through a private endpoint only (network.bicep); deployments still write secrets through ARM.')
param privateOnly bool = false

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    enablePurgeProtection: true
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: privateOnly ? 'Disabled' : 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: privateOnly ? 'Deny' : 'Allow'
    }
  }
}

resource deleteLock 'Microsoft.Authorization/locks@2020-05-01' = if (lock) {
  name: 'do-not-delete'
  scope: vault
  properties: {
    level: 'CanNotDelete'
    notes: 'Holds the app\'s secrets. Remove this lock (resourceLocks=false) before deleting on purpose.'
  }
}

output id string = vault.id
output name string = vault.name
output uri string = vault.properties.vaultUri
