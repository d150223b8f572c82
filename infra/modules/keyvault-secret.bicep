// One Key Vault secret. main.bicep writes a secret only when a value is given, so a secret an operator set
// (az keyvault secret set) survives later deployments.

@description('Name of the existing vault.')
param keyVaultName string

@description('Name of the secret.')
param name string

@description('Value of the secret.')
@secure()
param value string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource secret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: name
  properties: {
    value: value
    contentType: 'text/plain'
  }
}
