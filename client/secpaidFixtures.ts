/** What the client's tests share: a key to look for where it must not show, and the bodies served. */
export const token = 'Tok3nSecretValue0123456789abcdef';
export const link = {
  ResponseCode: 1,
  ResponseMsg: 'Link created',
  Result: 'True',
  ServerTime: 'CET',
  data: { id: 124, amount: '100.00', pay_link: 'http://127.0.0.1/payment?link_id=MTI0' },
};
export const errorBody = (error: string) => ({
  error,
  errorMessage: error,
  ResponseCode: 0,
  Result: 'False',
});
